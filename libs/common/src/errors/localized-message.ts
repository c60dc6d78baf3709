/** A message shown to people, in both languages the service speaks. */
export interface LocalizedMessage {
  zh: string;
  en: string;
}

/** The single-string form used for `message`: Chinese first, as most readers are in Luoyang. */
export function joinMessage(text: LocalizedMessage): string {
  return `${text.zh} / ${text.en}`;
}
