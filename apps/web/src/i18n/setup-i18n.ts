import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { enUS } from './en-us';
import { ptBR } from './pt-br';

export const defaultLanguage = 'pt-BR';

export const i18n = i18next.createInstance();

// Catalogues are bundled, so initialisation is synchronous and the first render is already translated.
void i18n.use(initReactI18next).init({
  resources: {
    'pt-BR': { translation: ptBR },
    'en-US': { translation: enUS },
  },
  lng: defaultLanguage,
  fallbackLng: defaultLanguage,
  supportedLngs: ['pt-BR', 'en-US'],
  interpolation: { escapeValue: false },
  initAsync: false,
});

// Screen readers and the browser's spell-check follow <html lang>.
i18n.on('languageChanged', (language) => {
  document.documentElement.lang = language;
});
