// The segment pages' calls beyond the shared client: value pickers, members with
// names, and the CSV download. Answer types come from the OpenAPI document.
import { type ApiClient, ApiFailure, fetchJson } from '../api/client.ts';
import type { AnswerOf, QueryOf } from '../api/generated.ts';

export type AttributeName = QueryOf<'GET /api/v3/segments/values'>['attribute'];
export type AttributeValue = AnswerOf<'GET /api/v3/segments/values'>['items'][number];
export type MemberPage = AnswerOf<'GET /api/v3/segments/{id}/contacts'>;
export type Member = MemberPage['items'][number];

const segmentPath = (id: string) => `/api/v3/segments/${encodeURIComponent(id)}`;

export async function attributeValues(api: ApiClient, attribute: AttributeName, q: string, count = 12): Promise<AttributeValue[]> {
  const query = new URLSearchParams({ attribute, q, count: String(count) });
  return (await fetchJson<AnswerOf<'GET /api/v3/segments/values'>>(api.key, `/api/v3/segments/values?${query}`)).items;
}

export const segmentMembers = (api: ApiClient, id: string, offset: number, count = 20) =>
  fetchJson<MemberPage>(api.key, `${segmentPath(id)}/contacts?offset=${offset}&count=${count}`);

/**
 * Downloads the segment's members as a CSV file. The API key travels in a header, so a
 * plain link cannot do it: the file is fetched, then handed to the browser as a download.
 */
export async function downloadMembersCsv(api: ApiClient, id: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(`${segmentPath(id)}/contacts.csv`, { headers: { apikey: api.key, accept: 'text/csv' } });
  } catch {
    throw new ApiFailure(0, undefined);
  }
  if (!response.ok) {
    const problem = await response.json().catch(() => ({ status: response.status }));
    throw new ApiFailure(response.status, problem);
  }
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'segment.csv';
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser reads the file after the click returns: release the object URL once that has surely happened.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
