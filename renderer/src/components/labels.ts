// Labels that name what a control holds even out of context ("Contact e-mail", not "E-mail"):
// the case model's labels, made specific where the form groups fields under a heading.
const OVERRIDES: Record<string, string> = {
  'contact.name': 'Contact name',
  'contact.email': 'Contact e-mail',
  'contact.phone': 'Contact phone',
  'contact.organization': 'Organisation',
  'contact.preferredChannel': 'Preferred contact channel',
  'contact.timeZone': 'Contact time zone',
};

export function fieldLabel(key: string, modelLabel?: string): string {
  return OVERRIDES[key] ?? modelLabel ?? key;
}
