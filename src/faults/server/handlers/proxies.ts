// /proxies, /populate, /reset: the real server's ProxyIndex, ProxyCreate, Populate, ProxyShow,
// ProxyUpdate, ProxyDelete and ResetState.
import { asApiError, ErrBadRequestBody, ErrMissingField } from '../apiError.js';
import { decodeStruct, kindOf } from '../goJson.js';
import type { GoStruct } from '../goJson.js';
import type { GoJsonValue } from '../goJsonParse.js';
import { Proxy, ProxyAlreadyStarted } from '../proxy.js';
import { jsonResponse, noContent } from '../response.js';
import type { ApiContext, Handler } from './context.js';
import { flag, readBody, text } from './context.js';

const PROXY: GoStruct = { name: 'Proxy', fields: { name: 'string', listen: 'string', upstream: 'string', enabled: 'bool' } };
const POPULATE_ITEM = 'struct { toxiproxy.Proxy; Enabled *bool "json:\\"enabled\\"" }';

function decodeProxy(value: GoJsonValue, defaults: Record<string, unknown>, goType: string, struct = PROXY): Record<string, unknown> {
  const input = { ...defaults };
  const error = decodeStruct(value, struct, input, goType);
  if (error !== undefined) throw ErrBadRequestBody.because(error);
  return input;
}

export const proxyIndex: Handler = ({ proxies }) => {
  const views = proxies.all().map((p) => p.view());
  views.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return jsonResponse(200, Object.fromEntries(views.map((v) => [v.name, v])));
};

export const proxyCreate: Handler = async ({ proxies, log }, _params, body) => {
  const input = decodeProxy(readBody(body), { enabled: true }, 'toxiproxy.Proxy');
  const name = text(input, 'name');
  const upstream = text(input, 'upstream');
  if (name.length < 1) throw ErrMissingField.because('name');
  if (upstream.length < 1) throw ErrMissingField.because('upstream');
  const proxy = new Proxy(name, text(input, 'listen'), upstream, log);
  await proxies.add(proxy, flag(input, 'enabled', true));
  return jsonResponse(201, proxy.view());
};

export const populate: Handler = async ({ proxies, log }, _params, body) => {
  const done: Proxy[] = [];
  const reply = (error?: unknown) => {
    const list = done.length > 0 ? done.map((p) => p.view()) : null;
    if (error === undefined) return jsonResponse(201, { proxies: list });
    const apiError = asApiError(error);
    return jsonResponse(apiError.status, { error: apiError.message, status: apiError.status, proxies: list });
  };
  let items: Record<string, unknown>[];
  try {
    const value = readBody(body);
    if (value !== null && !Array.isArray(value)) {
      throw ErrBadRequestBody.because(`json: cannot unmarshal ${kindOf(value)} into Go value of type []${POPULATE_ITEM}`);
    }
    items = (value ?? []).map((item) => decodeProxy(item, {}, POPULATE_ITEM, { ...PROXY, name: '' }));
    items.forEach((item, i) => {
      if (text(item, 'name').length < 1) throw ErrMissingField.because(`name at proxy ${i + 1}`);
      if (text(item, 'upstream').length < 1) throw ErrMissingField.because(`upstream at proxy ${i + 1}`);
    });
  } catch (error) {
    return reply(error);
  }
  try {
    for (const item of items) {
      const proxy = new Proxy(text(item, 'name'), text(item, 'listen'), text(item, 'upstream'), log);
      done.push(await proxies.addOrReplace(proxy, flag(item, 'enabled', true)));
    }
  } catch (error) {
    return reply(error);
  }
  return reply();
};

export const proxyShow: Handler = ({ proxies }, { proxy }) => jsonResponse(200, proxies.get(proxy ?? '').view());

export const proxyUpdate: Handler = async ({ proxies }, { proxy: name }, body) => {
  const proxy = proxies.get(name ?? '');
  const defaults = { listen: proxy.listen, upstream: proxy.upstream, enabled: proxy.enabled };
  const input = decodeProxy(readBody(body), defaults, 'toxiproxy.Proxy');
  await proxy.update({ listen: text(input, 'listen'), upstream: text(input, 'upstream'), enabled: flag(input, 'enabled', proxy.enabled) });
  return jsonResponse(200, proxy.view());
};

export const proxyDelete: Handler = async ({ proxies }, { proxy }) => {
  await proxies.remove(proxy ?? '');
  return noContent();
};

export const resetState: Handler = async ({ proxies }: ApiContext) => {
  for (const proxy of proxies.all()) {
    try {
      await proxy.start();
    } catch (error) {
      if (!(error instanceof ProxyAlreadyStarted)) throw error;
    }
    await proxy.toxics.reset();
  }
  return noContent();
};
