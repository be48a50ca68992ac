// The automation editor's preview and test-send calls, typed from the OpenAPI
// document (generated.ts), through the shared fetchJson with the signed-in key.
import { type ApiClient, fetchJson } from '../../api/client.ts';
import type { AnswerOf, BodyOf } from '../../api/generated.ts';

export type PreviewBody = BodyOf<'POST /api/v3/automations/preview'>;
export type Preview = AnswerOf<'POST /api/v3/automations/preview'>;
export type PreviewStep = Preview['steps'][number];
export type TestSendBody = BodyOf<'POST /api/v3/automations/{id}/test-send'>;
export type TestSent = AnswerOf<'POST /api/v3/automations/{id}/test-send'>;

export const previewAutomation = (api: ApiClient, body: PreviewBody) => fetchJson<Preview>(api.key, '/api/v3/automations/preview', { method: 'POST', body });

export const testSendAutomation = (api: ApiClient, id: string, body: TestSendBody) =>
  fetchJson<TestSent>(api.key, `/api/v3/automations/${encodeURIComponent(id)}/test-send`, { method: 'POST', body });
