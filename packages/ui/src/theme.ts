import { createTheme, type MantineColorsTuple } from '@mantine/core';

/** The one accent: a muted sage teal. Shade 7 keeps white text above 4.5:1 contrast (WCAG AA). */
const sage: MantineColorsTuple = [
  '#eef6f4',
  '#dceae6',
  '#b9d4cc',
  '#93bdb1',
  '#73a99a',
  '#5e9c8c',
  '#4e8f7f',
  '#3e7c6e',
  '#336e61',
  '#245e52',
];

/** A slightly warm neutral so large surfaces feel calm rather than clinical-cold. */
const stone: MantineColorsTuple = [
  '#f7f7f5',
  '#efefec',
  '#dfdfda',
  '#cbcbc4',
  '#b1b1a9',
  '#96968e',
  '#7a7a73',
  '#5f5f59',
  '#45453f',
  '#2d2d29',
];

const systemFonts =
  "system-ui, -apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', sans-serif";

export const theme = createTheme({
  primaryColor: 'sage',
  primaryShade: { light: 7, dark: 5 },
  colors: { sage, stone },
  fontFamily: systemFonts,
  headings: { fontFamily: systemFonts, fontWeight: '600' },
  defaultRadius: 'md',
  cursorType: 'pointer',
});
