// Every web page the app links to. The Electron shell opens a link in the user's browser only
// when it is one of these (and https): a compromised page cannot send the user anywhere else.

export const LINKS = {
  /** Where an OpenAI key is made (Settings, beside the key field). */
  openAiKeys: 'https://platform.openai.com/api-keys',
} as const;

export const EXTERNAL_LINKS: readonly string[] = Object.values(LINKS);
