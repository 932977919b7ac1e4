/**
 * Decodes a request body the way the vendors' servers accept them: JSON,
 * urlencoded forms (a repeated key becomes an array, as RongCloud sends lists),
 * and multipart forms (iFlyChat accepts all three).
 */
export type FormRecord = Record<string, string | string[]>;

export async function decodeBody(
  contentType: string,
  raw: string,
  fullContentType?: string,
): Promise<unknown> {
  if (raw === '') return undefined;
  if (contentType === 'application/json') return JSON.parse(raw);
  if (contentType === 'application/x-www-form-urlencoded') return formToRecord(new URLSearchParams(raw));
  if (contentType === 'multipart/form-data') {
    const request = new Request('http://emulator/', {
      method: 'POST',
      headers: { 'content-type': fullContentType ?? contentType },
      body: raw,
    });
    const form = await request.formData();
    const record: FormRecord = {};
    for (const [key, value] of form.entries())
      addField(record, key, typeof value === 'string' ? value : value.name);
    return record;
  }
  return raw;
}

export function formToRecord(params: URLSearchParams): FormRecord {
  const record: FormRecord = {};
  for (const [key, value] of params) addField(record, key, value);
  return record;
}

function addField(record: FormRecord, key: string, value: string): void {
  const existing = record[key];
  if (existing === undefined) record[key] = value;
  else if (Array.isArray(existing)) existing.push(value);
  else record[key] = [existing, value];
}
