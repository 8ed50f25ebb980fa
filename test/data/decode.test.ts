import { expect } from '@open-wc/testing';
import { decode } from '../../src/data/decode.ts';

/** Windows-1252 bytes of a string, for the characters these tests use (written by hand, not by TextDecoder). */
const CP1252_EXTRA: Record<string, number> = { '€': 0x80, '’': 0x92, œ: 0x9c, Œ: 0x8c, '…': 0x85 };
function cp1252(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    const code = ch.charCodeAt(0);
    if (CP1252_EXTRA[ch] !== undefined) out[i] = CP1252_EXTRA[ch];
    else if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) out[i] = code;
    else throw new Error(`no cp1252 byte for ${ch}`);
  }
  return out;
}
const utf8 = (text: string) => new TextEncoder().encode(text);
const concat = (...parts: (Uint8Array | number[])[]) => {
  const total = parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};
function utf16(text: string, littleEndian: boolean): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[2 * i + (littleEndian ? 0 : 1)] = c & 0xff;
    out[2 * i + (littleEndian ? 1 : 0)] = c >> 8;
  }
  return out;
}

const SAMPLE = 'Département;Région;montant\r\nCôte-d’Or;Île-de-France;40 000,00 €\r\nŒuvre;Hauts-de-France;12,5\r\n';

describe('decode', () => {
  it('decodes UTF-8 without a BOM', () => {
    const r = decode(utf8(SAMPLE));
    expect(r.encoding).to.equal('utf-8');
    expect(r.text).to.equal(SAMPLE);
  });

  it('decodes UTF-8 with a BOM and drops the BOM', () => {
    const r = decode(concat([0xef, 0xbb, 0xbf], utf8(SAMPLE)));
    expect(r.encoding).to.equal('utf-8');
    expect(r.text).to.equal(SAMPLE);
    expect(r.text.charCodeAt(0)).to.not.equal(0xfeff);
  });

  it('falls back to Windows-1252 when the bytes are not valid UTF-8', () => {
    const bytes = cp1252(SAMPLE);
    expect(bytes[1]).to.equal(0xe9); // é as one byte: not valid UTF-8 before ';'
    const r = decode(bytes);
    expect(r.encoding).to.equal('windows-1252');
    expect(r.text).to.equal(SAMPLE);
    expect(r.text).to.not.include('\ufffd');
  });

  it('decodes a UTF-8 BOM over a Windows-1252 body as Windows-1252, without the BOM', () => {
    const r = decode(concat([0xef, 0xbb, 0xbf], cp1252(SAMPLE)));
    expect(r.encoding).to.equal('windows-1252');
    expect(r.text).to.equal(SAMPLE);
    expect(r.text).to.not.include('ï»¿');
    expect(r.text.charCodeAt(0)).to.not.equal(0xfeff);
  });

  it('decodes UTF-16 LE and BE with their BOMs', () => {
    const le = decode(concat([0xff, 0xfe], utf16(SAMPLE, true)));
    expect(le.encoding).to.equal('utf-16le');
    expect(le.text).to.equal(SAMPLE);
    const be = decode(concat([0xfe, 0xff], utf16(SAMPLE, false)));
    expect(be.encoding).to.equal('utf-16be');
    expect(be.text).to.equal(SAMPLE);
  });

  for (const hint of ['latin1', 'ISO-8859-1', 'iso-8859-1', 'cp1252', 'CP1252', 'windows-1252', 'Windows-1252']) {
    it(`honours the encoding hint "${hint}"`, () => {
      const r = decode(cp1252(SAMPLE), hint);
      expect(r.encoding).to.equal('windows-1252');
      expect(r.text).to.equal(SAMPLE);
    });
  }

  for (const hint of ['utf-8', 'UTF-8', 'utf8', 'UTF8']) {
    it(`honours the encoding hint "${hint}"`, () => {
      const r = decode(concat([0xef, 0xbb, 0xbf], utf8(SAMPLE)), hint);
      expect(r.encoding).to.equal('utf-8');
      expect(r.text).to.equal(SAMPLE);
    });
  }

  it('lets an explicit hint win over detection', () => {
    // Windows-1252 bytes read as UTF-8 because the author said so: replacement characters.
    const asUtf8 = decode(cp1252('é;à'), 'utf-8');
    expect(asUtf8.encoding).to.equal('utf-8');
    expect(asUtf8.text).to.equal('\ufffd;\ufffd');
    // UTF-8 bytes read as Windows-1252 because the author said so: mojibake, as asked.
    const asLatin1 = decode(utf8('é'), 'latin1');
    expect(asLatin1.text).to.equal('Ã©');
  });

  it('drops a UTF-8 BOM even when a Windows-1252 hint is given', () => {
    const r = decode(concat([0xef, 0xbb, 0xbf], cp1252('Département')), 'cp1252');
    expect(r.text).to.equal('Département');
  });

  it('ignores an encoding name it does not know and detects instead', () => {
    expect(decode(cp1252(SAMPLE), 'klingon').text).to.equal(SAMPLE);
    expect(decode(utf8(SAMPLE), 'not-an-encoding').encoding).to.equal('utf-8');
  });

  it('follows the BOM when the hint says utf-16 without an order', () => {
    const r = decode(concat([0xfe, 0xff], utf16('Île', false)), 'utf-16');
    expect(r.text).to.equal('Île');
  });

  it('never returns text starting with U+FEFF, even with two BOMs', () => {
    const r = decode(concat([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf], utf8('a;b')));
    expect(r.text).to.equal('a;b');
  });

  it('keeps a mostly UTF-8 file as UTF-8 when a few stray bytes are not', () => {
    // Many accents in UTF-8, and one record pasted from a Windows-1252 file.
    const good = 'Département;Région\n' + 'Hérault;Occitanie\nAriège;Occitanie\n'.repeat(20);
    const bytes = concat(utf8(good), cp1252('Vendée;Pays de la Loire\n'));
    const r = decode(bytes);
    expect(r.encoding).to.equal('utf-8');
    expect(r.text.startsWith(good)).to.equal(true);
    expect(r.text.split('\ufffd').length - 1).to.equal(1);
  });

  it('treats a Windows-1252 file whose bytes happen to form one UTF-8 pair as Windows-1252', () => {
    // "Ã©" in Windows-1252 is C3 A9, a valid UTF-8 sequence; the many lone accents decide.
    const text = 'Ã© ' + 'Département Hérault Ariège Vendée '.repeat(5);
    const r = decode(cp1252(text));
    expect(r.encoding).to.equal('windows-1252');
    expect(r.text).to.equal(text);
  });

  it('tells Windows-1252 from UTF-8 with stray bytes on files larger than the first megabyte', () => {
    const repeat = (line: string, bytes: number) => line.repeat(Math.ceil(bytes / line.length));
    // Windows-1252 accents from the start.
    const cp = repeat('Hérault;Ariège;Vendée\n', 3 << 20);
    const a = decode(cp1252(cp));
    expect(a.encoding).to.equal('windows-1252');
    expect(a.text).to.equal(cp);
    // UTF-8 accents everywhere, one stray Windows-1252 byte after the first megabyte.
    const u = repeat('Hérault;Ariège;Vendée\n', 2 << 20);
    const b = decode(concat(utf8(u), cp1252('Lozère\n'), utf8(u)));
    expect(b.encoding).to.equal('utf-8');
    expect(b.text).to.equal(`${u}Loz\ufffdre\n${u}`);
    // Plain ASCII for two megabytes, then Windows-1252 accents.
    const ascii = repeat('Herault;Ariege;Vendee\n', 2 << 20);
    const c = decode(concat(utf8(ascii), cp1252('Hérault;Ariège\n'.repeat(10))));
    expect(c.encoding).to.equal('windows-1252');
    expect(c.text.endsWith('Hérault;Ariège\n')).to.equal(true);
  });

  it('decodes empty input', () => {
    expect(decode(new Uint8Array(0))).to.deep.equal({ text: '', encoding: 'utf-8' });
  });

  it('decodes 40 MB quickly, in UTF-8 and in Windows-1252', () => {
    const line = 'Département;Côte-d’Or;40 000,00;21231;01/02/2020\n';
    const target = 40 * 1024 * 1024;
    const utf8Line = utf8(line);
    const big = new Uint8Array(Math.floor(target / utf8Line.length) * utf8Line.length);
    for (let at = 0; at < big.length; at += utf8Line.length) big.set(utf8Line, at);
    let t0 = performance.now();
    const a = decode(big);
    const utf8Ms = performance.now() - t0;
    expect(a.encoding).to.equal('utf-8');
    expect(a.text.length).to.equal((big.length / utf8Line.length) * line.length);

    // Windows-1252 with the first non-UTF-8 byte at the very end: the worst case for detection.
    const asciiLine = utf8('Departement;Cote-d Or;40 000,00;21231;01/02/2020\n');
    const late = new Uint8Array(Math.floor(target / asciiLine.length) * asciiLine.length + 1);
    for (let at = 0; at + asciiLine.length <= late.length; at += asciiLine.length) late.set(asciiLine, at);
    late[late.length - 1] = 0xe9;
    t0 = performance.now();
    const b = decode(late);
    const cp1252Ms = performance.now() - t0;
    expect(b.encoding).to.equal('windows-1252');
    expect(b.text.endsWith('\né')).to.equal(true);
    // A loop over the bytes in JavaScript takes seconds here; TextDecoder takes tens of milliseconds.
    expect(utf8Ms, 'utf-8 ms').to.be.below(1500);
    expect(cp1252Ms, 'windows-1252 ms').to.be.below(1500);
  });
});
