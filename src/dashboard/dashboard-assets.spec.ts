import type { Request, Response } from 'express';
import { dashboardPage, setAssetHeaders } from './dashboard-assets';

function call(method: string, path: string, accept?: string) {
  const request = { method, path, headers: accept ? { accept } : {} } as Request;
  const sent: string[] = [];
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: string) => (headers[name] = value),
    sendFile: (file: string) => sent.push(file),
  } as unknown as Response;
  let passed = false;
  dashboardPage('/built/index.html')(request, response, () => (passed = true));
  return { sent, headers, passed };
}

describe('dashboardPage', () => {
  it("answers a browser's page request anywhere outside the API with index.html", () => {
    for (const path of ['/', '/bots/5c3a2a8e-1f0b-4c57-9a43-0d3c1b1f5f7e', '/apiary']) {
      const { sent, headers, passed } = call('GET', path, 'text/html,application/xhtml+xml');
      expect({ path, sent, passed }).toEqual({ path, sent: ['/built/index.html'], passed: false });
      expect(headers['Cache-Control']).toBe('no-cache');
    }
  });

  it('hands on the API, the docs, the health probe, other methods and non-browsers', () => {
    const cases: [string, string, string | undefined][] = [
      ['GET', '/api/nope', 'text/html'],
      ['GET', '/docs', 'text/html'],
      ['GET', '/docs-json', 'text/html'],
      ['GET', '/health', 'text/html'],
      ['POST', '/', 'text/html'],
      ['GET', '/nope', 'application/json'],
      ['GET', '/nope', undefined],
    ];
    for (const [method, path, accept] of cases) {
      expect({ method, path, ...call(method, path, accept) }).toMatchObject({
        method,
        path,
        sent: [],
        passed: true,
      });
    }
  });
});

describe('setAssetHeaders', () => {
  it('lets browsers keep hashed assets for good, and nothing else', () => {
    const headers: Record<string, string> = {};
    const response = {
      setHeader: (name: string, value: string) => (headers[name] = value),
    } as unknown as Response;
    setAssetHeaders(response, '/app/dist/dashboard/assets/index-BK38azxW.js');
    expect(headers['Cache-Control']).toBe('public, max-age=31536000, immutable');
    setAssetHeaders(response, '/app/dist/dashboard/favicon.svg');
    expect(headers['Cache-Control']).toBe('no-cache');
  });
});
