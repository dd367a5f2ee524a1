import { describe, expect, it } from 'vitest';
import { isFreeMailDomain, normalizeDomain } from '../../src/normalize/index.js';

describe('normalizeDomain', () => {
  it.each([
    ['acme.com', 'acme.com'],
    ['ACME.com', 'acme.com'],
    ['  www.acme.com  ', 'acme.com'],
    ['http://acme.com', 'acme.com'],
    ['https://www.acme.com/', 'acme.com'],
    ['https://www.acme.com/about/team?ref=x#top', 'acme.com'],
    ['acme.com/contact', 'acme.com'],
    ['acme.com:8080', 'acme.com'],
    ['https://user:pass@www.acme.com:8443/x', 'acme.com'],
    ['acme.com.', 'acme.com'],
    ['shop.acme.co.uk', 'acme.co.uk'],
    ['https://shop.acme.co.uk/basket', 'acme.co.uk'],
    ['eu.app.acme.io', 'acme.io'],
    ['bücher.de', 'xn--bcher-kva.de'],
    ['https://www.Bücher.de/', 'xn--bcher-kva.de'],
    ['xn--bcher-kva.de', 'xn--bcher-kva.de'],
    ['//acme.com', 'acme.com'],
    ['acme.com?x=1', 'acme.com'],
    ['jane@acme.com', 'acme.com'],
    ['acme.github.io', 'acme.github.io'],
    ['www.acme.github.io', 'acme.github.io'],
    ['https://myapp.herokuapp.com/login', 'myapp.herokuapp.com'],
    ['WWW.ACME.CO.UK', 'acme.co.uk'],
    ['www.com', 'www.com'],
  ])('%j → %j', (raw, expected) => {
    expect(normalizeDomain(raw)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['localhost', 'public domain suffix'],
    ['http://localhost:3000', 'public domain suffix'],
    ['192.168.1.10', 'IP address'],
    ['http://10.0.0.1/admin', 'IP address'],
    ['[::1]', 'IP address'],
    ['intranet', 'public domain suffix'],
    ['acme.notarealtld', 'public domain suffix'],
    ['co.uk', 'public domain suffix'],
    ['Acme Inc', 'not a valid domain'],
    ['acme_corp.com', 'not a valid domain'],
    ['-acme.com', 'not a valid domain'],
    ['acme..com', 'not a valid domain'],
  ])('%j is rejected (%s)', (raw, why) => {
    const result = normalizeDomain(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(why);
  });
});

describe('isFreeMailDomain', () => {
  it.each([
    'gmail.com',
    'GMAIL.COM',
    'googlemail.com',
    'yahoo.com',
    'yahoo.co.uk',
    'yahoo.co.jp',
    'hotmail.com',
    'hotmail.fr',
    'outlook.com',
    'live.com',
    'msn.com',
    'aol.com',
    'icloud.com',
    'me.com',
    'mac.com',
    'gmx.de',
    'gmx.net',
    'web.de',
    'protonmail.com',
    'proton.me',
    'mail.ru',
    'yandex.ru',
    'yandex.com',
    'qq.com',
    '163.com',
    'zoho.com',
    'hey.com',
    'gmail.com.',
  ])('%s is free mail', (domain) => {
    expect(isFreeMailDomain(domain)).toBe(true);
  });

  it.each([
    'acme.com',
    'acme.co.uk',
    'google.com',
    'yahoo-inc.example',
    'gmailer.com',
    'mygmail.com',
    'hey.io',
    '',
  ])('%j is not free mail', (domain) => {
    expect(isFreeMailDomain(domain)).toBe(false);
  });
});
