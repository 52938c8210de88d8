import { describe, expect, it } from 'vitest';
import { composerFor, telexCompose, trailingWord, typeKeys, vniCompose } from '../../src-renderer/input/input-method.js';

const telex = (keys: string) => typeKeys(keys, telexCompose);
const vni = (keys: string) => typeKeys(keys, vniCompose);

describe('Telex', () => {
  it.each([
    ['Nguyeenx', 'Nguyễn'],
    ['Quarng Ngaix', 'Quảng Ngãi'],
    ['dduwowngf', 'đường'],
    ['Vieetj Nam', 'Việt Nam'],
    ['Traanf Thij Bichs Ngocj', 'Trần Thị Bích Ngọc'],
    ['Phuwowngf Caamr Thanhf', 'Phường Cẩm Thành'],
    ['nguwowif', 'người'],
    ['khuyeens', 'khuyến'],
    ['tieengs Vieetj', 'tiếng Việt'],
    ['muaw', 'mưa'],
    ['hoawcj', 'hoặc'],
    ['cuwus', 'cứu'],
    ['gias', 'giá'],
    ['gif', 'gì'],
    ['quys', 'quý'],
    ['Quangr', 'Quảng'],
    ['ngoaif', 'ngoài'],
    ['cuar', 'của'],
    ['Sown', 'Sơn'],
    ['DDUWOWNGF', 'ĐƯỜNG'],
    ['NGUYEENX', 'NGUYỄN'],
  ])('%s → %s', (keys, word) => {
    expect(telex(keys)).toBe(word);
  });

  it('puts the tone by the modern rules, wherever it was typed', () => {
    expect(telex('hoaf')).toBe('hoà');
    expect(telex('hofa')).toBe('hoà');
    expect(telex('thuyr')).toBe('thuỷ');
    expect(telex('khoer')).toBe('khoẻ');
    expect(telex('hoanf')).toBe('hoàn');
    expect(telex('tuyeenr')).toBe('tuyển');
    expect(telex('gifa')).toBe('già');
  });

  it('undoes a mark when its key is pressed again, typing the key', () => {
    expect(telex('ass')).toBe('as');
    expect(telex('aaa')).toBe('aa');
    expect(telex('ddd')).toBe('dd');
    expect(telex('uww')).toBe('uw');
  });

  it('z takes the tone off; a different tone key replaces the tone', () => {
    expect(telex('asz')).toBe('a');
    expect(telex('asf')).toBe('à');
    expect(telex('aws')).toBe('ắ');
  });

  it('types keys with nothing to act on as they are', () => {
    expect(telex('s')).toBe('s');
    expect(telex('12 Hungf Vuwowng')).toBe('12 Hùng Vương');
    expect(telex('Email: an@x.vn')).toBe('Email: an@x.vn');
  });

  it('gives NFC text', () => {
    const out = telex('Nguyeenx Vawn Awn');
    expect(out).toBe(out.normalize('NFC'));
    expect(out).toBe('Nguyễn Văn Ăn');
  });
});

describe('VNI', () => {
  it.each([
    ['Nguye6n4', 'Nguyễn'],
    ['d9u7o7ng2', 'đường'],
    ['Qua3ng Nga4i', 'Quảng Ngãi'],
    ['Vie6t5 Nam', 'Việt Nam'],
    ['hoa2', 'hoà'],
    ['mua7', 'mưa'],
    ['hoa8c5', 'hoặc'],
    ['D9a4', 'Đã'],
    ['tie6ng1', 'tiếng'],
  ])('%s → %s', (keys, word) => {
    expect(vni(keys)).toBe(word);
  });

  it('keeps digits that have nothing to act on', () => {
    expect(vni('12 Hu2ng')).toBe('12 Hùng');
    expect(vni('a11')).toBe('a1');
    expect(vni('a10')).toBe('a');
    expect(vni('xyz 7')).toBe('xyz 7');
  });
});

describe('helpers', () => {
  it('finds the word before the caret', () => {
    expect(trailingWord('Số 12 Nguyê')).toBe('Nguyê');
    expect(trailingWord('Số 12 ')).toBe('');
  });

  it('"off" types keys as they are', () => {
    expect(typeKeys('Nguyeenx', composerFor('off'))).toBe('Nguyeenx');
    expect(typeKeys('Nguyeenx', composerFor('telex'))).toBe('Nguyễn');
    expect(typeKeys('Nguye6n4', composerFor('vni'))).toBe('Nguyễn');
  });
});
