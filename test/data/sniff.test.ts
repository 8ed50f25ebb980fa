import { expect } from '@open-wc/testing';
import { sniffDelimiter, sniffFormat } from '../../src/data/sniff.ts';

const FEATURE_COLLECTION =
  '{"type":"FeatureCollection","features":[{"type":"Feature","geometry":null,"properties":{}}]}';

describe('sniffFormat', () => {
  it('says empty for nothing or white space only, whatever the hints', () => {
    expect(sniffFormat('', {})).to.equal('empty');
    expect(sniffFormat(' \r\n\t \n', {})).to.equal('empty');
    expect(sniffFormat('\ufeff  ', { format: 'csv' })).to.equal('empty');
  });

  it('recognises an HTML page, even when CSV was announced', () => {
    const page = '<!DOCTYPE html>\n<html><head><title>Page introuvable</title></head><body></body></html>';
    expect(sniffFormat(page, {})).to.equal('html');
    expect(sniffFormat(page, { format: 'csv', url: 'https://example.org/data.csv' })).to.equal('html');
    expect(sniffFormat('\n  <html lang="fr"><body>x</body></html>', {})).to.equal('html');
    expect(sniffFormat('<HEAD><title>x</title></HEAD>', {})).to.equal('html');
    expect(sniffFormat('<body>Erreur</body>', { format: 'json' })).to.equal('html');
    expect(sniffFormat('<!-- portal --><div>x</div>', {})).to.equal('html');
    expect(sniffFormat('<?xml version="1.0"?><Error><Code>AccessDenied</Code></Error>', {})).to.equal('html');
  });

  it('says html for a text/html content type when nothing else decides', () => {
    expect(sniffFormat('Erreur 404 : page introuvable', { contentType: 'text/html; charset=utf-8' })).to.equal('html');
    // But a format hint or JSON content wins over a mislabelled content type.
    expect(sniffFormat('a;b\n1;2', { contentType: 'text/html', format: 'csv' })).to.equal('csv');
    expect(sniffFormat('[{"a":1}]', { contentType: 'text/html' })).to.equal('json');
  });

  it('recognises JSON by its first character', () => {
    expect(sniffFormat('{"a": 1}', {})).to.equal('json');
    expect(sniffFormat('  \n[{"a": 1}]', {})).to.equal('json');
    expect(sniffFormat('[{"type": "Point"}]', { url: 'https://x.fr/data.csv' })).to.equal('json');
  });

  it('recognises GeoJSON by its type member near the start or the end', () => {
    expect(sniffFormat(FEATURE_COLLECTION, {})).to.equal('geojson');
    expect(sniffFormat('{ "type" : "Feature", "geometry": {"type": "Point", "coordinates": [2, 48]} }', {})).to.equal(
      'geojson',
    );
    const bigFirst = `{"properties": {"blob": "${'x'.repeat(20000)}"}, "geometry": null, "type": "Feature"}`;
    expect(sniffFormat(bigFirst, {})).to.equal('geojson');
    const notGeo = `{"records": [{"geometry": {"type": "Point"}}], "blob": "${'x'.repeat(20000)}"}`;
    expect(sniffFormat(notGeo, {})).to.equal('json');
  });

  it('takes GeoJSON from the content type or the extension when the content is JSON', () => {
    expect(sniffFormat('{"features": []}', { contentType: 'application/geo+json' })).to.equal('geojson');
    expect(sniffFormat('{"features": []}', { url: 'https://x.fr/communes.geojson?download=1' })).to.equal('geojson');
    expect(sniffFormat('{"features": []}', { url: 'https://x.fr/communes.json' })).to.equal('json');
  });

  it('follows the format hint first', () => {
    expect(sniffFormat('{"a":1}', { format: 'csv' })).to.equal('csv');
    expect(sniffFormat('a\tb', { format: 'TSV' })).to.equal('csv');
    expect(sniffFormat('{"a":1}', { format: 'geojson' })).to.equal('geojson');
    expect(sniffFormat(FEATURE_COLLECTION, { format: 'json' })).to.equal('geojson');
    expect(sniffFormat('[1]', { format: 'JSON' })).to.equal('json');
    // An unknown hint is ignored.
    expect(sniffFormat('[1]', { format: 'xlsx' })).to.equal('json');
  });

  it('uses the content type, then the extension, then defaults to CSV', () => {
    expect(sniffFormat('"not json"', { contentType: 'application/json' })).to.equal('json');
    expect(sniffFormat('1', { contentType: 'application/vnd.geo+json' })).to.equal('geojson');
    expect(sniffFormat('1', { url: 'https://x.fr/a/b.GeoJSON#top' })).to.equal('geojson');
    expect(sniffFormat('1', { url: 'https://x.fr/a/b.json' })).to.equal('json');
    expect(sniffFormat('1', { url: 'https://x.fr/a.json/download' })).to.equal('csv');
    expect(sniffFormat('a;b\n1;2', { contentType: 'text/csv' })).to.equal('csv');
    expect(sniffFormat('a;b\n1;2', {})).to.equal('csv');
    expect(sniffFormat('a < b;c\n1;2', {})).to.equal('csv');
  });
});

describe('sniffDelimiter', () => {
  it('finds the semicolon of French files despite decimal commas', () => {
    const text = [
      'code;nom;montant;taux',
      '01004;Ambérieu;40 000,00;12,5',
      '01005;Ambérieux;1 000,50;3',
      '01006;Ambléon;12,00;7,25',
      '01007;Ambronay;5;0,5',
    ].join('\r\n');
    expect(sniffDelimiter(text)).to.equal(';');
  });

  it('prefers the delimiter with the larger count when two are equally consistent', () => {
    // Exactly one decimal comma on every line, header included: commas are as consistent as semicolons.
    const text = ['a,b;c;d;e', '1,5;x;y;z', '2,5;x;y;z', '3,5;x;y;z'].join('\n');
    expect(sniffDelimiter(text)).to.equal(';');
  });

  it('finds commas, tabs and pipes', () => {
    expect(sniffDelimiter('a,b,c\n1,2,3\n4,5,6\n')).to.equal(',');
    expect(sniffDelimiter('a\tb\tc\n1\t2,5\t3\n4\t5\t6\n')).to.equal('\t');
    expect(sniffDelimiter('a|b|c\n1|2|3;4\n4|5|6\n')).to.equal('|');
  });

  it('ignores delimiters inside quoted fields, including fields spanning lines', () => {
    const text = [
      'id,commentaire,montant',
      '1,"un; deux; trois",4',
      '2,"ligne 1;\nligne 2; avec ""guillemets""; et ;",5',
      '3,"a;b;c;d;e;f;g",6',
    ].join('\n');
    expect(sniffDelimiter(text)).to.equal(',');
  });

  it('is not swayed by preamble lines', () => {
    const text = [
      'Liste des subventions attribuées en 2017, Département du Lot',
      'Source : service des finances, mise à jour le 03/01/2018',
      '',
      'nom;siret;montant;date',
      'Association A;12345678900011;40 000,00;21/12/2017',
      'Association B;12345678900012;260 000,00;29/12/2017',
      'Association C;12345678900013;36 700,00;09/08/2017',
    ].join('\n');
    expect(sniffDelimiter(text)).to.equal(';');
  });

  it('returns a comma for a single column and for empty text', () => {
    expect(sniffDelimiter('nom\nAmbérieu\nAmbronay\n')).to.equal(',');
    expect(sniffDelimiter('')).to.equal(',');
  });

  it('only looks at the start of a long text', () => {
    const head = 'a;b;c\n' + '1;2;3\n'.repeat(40);
    const tail = 'x,y,z,w,v\n'.repeat(100000);
    const t0 = performance.now();
    expect(sniffDelimiter(head + tail)).to.equal(';');
    expect(performance.now() - t0).to.be.below(100);
  });
});
