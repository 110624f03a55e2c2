/** The reference catalogue: pt-BR is the product's first language, every other locale mirrors these keys. */
export const ptBR = {
  app: {
    name: 'Clinia',
    openNavigation: 'Abrir menu de navegação',
    closeNavigation: 'Fechar menu de navegação',
    mainNavigation: 'Navegação principal',
  },
  clock: {
    label: 'Data e hora na clínica ({{zone}})',
  },
  nav: {
    home: 'Início',
    agenda: 'Agenda',
    clients: 'Clientes',
    sessions: 'Atendimentos',
    treatments: 'Tratamentos',
    inventory: 'Estoque',
    billing: 'Financeiro',
    compliance: 'Conformidade',
    reports: 'Relatórios',
    settings: 'Configurações',
  },
  areas: {
    unavailable: 'Este módulo ainda não está disponível nesta versão do Clinia.',
    agenda: 'Agenda multiprofissional com salas e equipamentos.',
    clients: 'Cadastro de clientes com ficha de anamnese e consentimentos.',
    sessions: 'Registro das sessões de tratamento, com fotos, lotes de produtos utilizados e assinaturas.',
    treatments: 'Catálogo de tratamentos e planos de tratamento de cada cliente.',
    inventory: 'Produtos com registro na ANVISA, lotes, validades e movimentações de estoque.',
    billing: 'Preços, pacotes, pagamentos com PIX e cartão, e comissões dos profissionais.',
    compliance: 'LGPD, rastreabilidade ANVISA, registros nos conselhos profissionais e trilha de auditoria.',
    reports: 'Painéis e relatórios de agenda, atendimentos, faturamento e faltas.',
    settings: 'Dados da clínica, profissionais, salas, equipamentos e preferências do sistema.',
  },
  home: {
    greeting: {
      morning: 'Bom dia',
      afternoon: 'Boa tarde',
      evening: 'Boa noite',
    },
    welcome: 'Boas-vindas ao Clinia.',
    clinic: {
      title: 'Clínica',
      name: 'Nome',
      organization: 'Organização',
      location: 'Cidade',
      timeZone: 'Fuso horário',
      missing: 'Nenhuma clínica foi cadastrada neste servidor ainda.',
    },
    system: {
      title: 'Estado do sistema',
      version: 'Versão',
      database: 'Banco de dados',
      environment: 'Ambiente',
      server: 'Servidor',
      serverOk: 'OK',
      databaseDriver: {
        pglite: 'Banco embutido (PGlite)',
        postgres: 'PostgreSQL',
      },
      environmentName: {
        production: 'Produção',
        development: 'Desenvolvimento',
        test: 'Testes',
      },
    },
    loadError: {
      title: 'Não foi possível carregar as informações do sistema.',
    },
  },
  notFound: {
    title: 'Página não encontrada',
    description: 'O endereço acessado não existe no Clinia.',
    backHome: 'Voltar ao início',
  },
  errors: {
    network: 'Sem conexão com o servidor do Clinia. Verifique a rede e tente de novo.',
    server: 'O servidor do Clinia encontrou um problema ao responder.',
    unexpected: 'Ocorreu um erro inesperado.',
    refreshFailed: 'Não foi possível atualizar os dados.',
    pageCrashed: 'Algo deu errado ao exibir esta página.',
    retry: 'Tentar novamente',
    reload: 'Recarregar a página',
  },
} as const;

type TCatalogue<T> = { [K in keyof T]: T[K] extends string ? string : TCatalogue<T[K]> };

/** The shape every locale must fill: pt-BR's keys, any text. */
export type TMessages = TCatalogue<typeof ptBR>;
