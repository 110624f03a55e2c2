import 'i18next';
import type { ptBR } from './pt-br';

// Module augmentation only works with `interface`; this is the one exception to `type` over `interface`.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof ptBR };
  }
}
