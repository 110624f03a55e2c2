import { ZSystemInfo } from '@clinia/contracts';
import { publicProcedure, router } from '../../trpc/init';
import { getSystemInfo } from './system.service';

export const systemRouter = router({
  info: publicProcedure.output(ZSystemInfo).query(({ ctx }) => getSystemInfo(ctx)),
});
