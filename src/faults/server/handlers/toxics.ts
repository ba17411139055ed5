// /proxies/{proxy}/toxics[/{toxic}]: the real server's ToxicIndex, ToxicCreate, ToxicShow,
// ToxicUpdate and ToxicDelete, with its checks in its order.
import { ErrBadRequestBody, ErrInvalidStream, ErrInvalidToxicType, ErrToxicAlreadyExists, ErrToxicNotFound } from '../apiError.js';
import { decodeStruct } from '../goJson.js';
import type { GoStruct } from '../goJson.js';
import type { StreamDirection } from '../link.js';
import { toxicView } from '../toxicCollection.js';
import type { Toxic } from '../toxicCollection.js';
import { toxicDefinition } from '../toxics/index.js';
import type { ToxicDefinition } from '../toxics/types.js';
import type { Handler } from './context.js';
import { numeric, readBody, text } from './context.js';
import { jsonResponse, noContent } from '../response.js';

const WRAPPER: GoStruct = {
  name: 'ToxicWrapper',
  fields: { attributes: { struct: 'toxics.NoopToxic' }, name: 'string', type: 'string', stream: 'string', toxicity: 'float32' },
};

function parseDirection(stream: string): StreamDirection | undefined {
  const lower = stream.toLowerCase();
  return lower === 'upstream' || lower === 'downstream' ? lower : undefined;
}

function attributesStruct(definition: ToxicDefinition): GoStruct {
  return { name: definition.goType, fields: { ...definition.fields } };
}

function attributesKind(definition: ToxicDefinition) {
  return { struct: `toxics.${definition.goType}`, fields: attributesStruct(definition) };
}

export const toxicIndex: Handler = ({ proxies }, { proxy }) =>
  jsonResponse(200, proxies.get(proxy ?? '').toxics.list().map(toxicView));

export const toxicCreate: Handler = ({ proxies }, { proxy: proxyName }, body) => {
  const { toxics } = proxies.get(proxyName ?? '');
  const value = readBody(body);
  const input: Record<string, unknown> = { stream: 'downstream', toxicity: 1 };
  const error = decodeStruct(value, WRAPPER, input, 'toxics.ToxicWrapper');
  if (error !== undefined) throw ErrBadRequestBody.because(error);
  const stream = text(input, 'stream');
  const direction = parseDirection(stream);
  if (!direction) throw ErrInvalidStream;
  const type = text(input, 'type');
  const name = text(input, 'name') || `${type}_${stream}`;
  const definition = toxicDefinition(type);
  if (!definition) throw ErrInvalidToxicType;
  if (toxics.find(name)) throw ErrToxicAlreadyExists;
  const attributes: Record<string, number> = Object.fromEntries(Object.keys(definition.fields).map((f) => [f, 0]));
  const holder: Record<string, unknown> = { attributes };
  const attributeError = decodeStruct(value, { name: '', fields: { attributes: attributesKind(definition) } }, holder, 'struct { Attributes interface {} "json:\\"attributes\\"" }');
  if (attributeError !== undefined) throw ErrBadRequestBody.because(attributeError);
  const toxic: Toxic = { name, type, stream, direction, toxicity: Math.fround(numeric(input, 'toxicity', 1)), definition, attributes };
  toxics.add(toxic);
  return jsonResponse(200, toxicView(toxic));
};

export const toxicShow: Handler = ({ proxies }, { proxy, toxic: name }) => {
  const toxic = proxies.get(proxy ?? '').toxics.find(name ?? '');
  if (!toxic) throw ErrToxicNotFound;
  return jsonResponse(200, toxicView(toxic));
};

/** Attributes are decoded onto the live toxic (so valid fields stick even when another is rejected,
 * as in the real server); toxicity only changes when the whole body decodes. */
export const toxicUpdate: Handler = async ({ proxies }, { proxy, toxic: name }, body) => {
  const { toxics } = proxies.get(proxy ?? '');
  const toxic = toxics.find(name ?? '');
  if (!toxic) throw ErrToxicNotFound;
  const value = readBody(body);
  const holder: Record<string, unknown> = { attributes: toxic.attributes, toxicity: toxic.toxicity };
  const struct: GoStruct = { name: '', fields: { attributes: attributesKind(toxic.definition), toxicity: 'float32' } };
  const error = decodeStruct(value, struct, holder, 'struct { Attributes interface {} "json:\\"attributes\\""; Toxicity float32 "json:\\"toxicity\\"" }');
  if (error !== undefined) throw ErrBadRequestBody.because(error);
  toxic.toxicity = Math.fround(numeric(holder, 'toxicity', toxic.toxicity));
  await toxics.update(toxic);
  return jsonResponse(200, toxicView(toxic));
};

export const toxicDelete: Handler = async ({ proxies }, { proxy, toxic: name }) => {
  const { toxics } = proxies.get(proxy ?? '');
  const toxic = toxics.find(name ?? '');
  if (!toxic) throw ErrToxicNotFound;
  await toxics.remove(toxic);
  return noContent();
};
