import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultBindings, findConflicts, keyOfEvent, loadKeymap, normalizeKey } from '../../shared/commands/keymap';
import { readKeymap } from '../../electron/core/demo/seed';
import { resourcesDir } from '../support/testCore';

const press = (init: Partial<Parameters<typeof keyOfEvent>[0]>) => keyOfEvent({ key: '', code: '', ctrlKey: false, altKey: false, shiftKey: false, metaKey: false, ...init });

describe('the keymap', () => {
  it('ships defaults without a conflict, and the demo file says exactly the defaults', () => {
    expect(findConflicts(defaultBindings)).toEqual([]);
    const demo = readKeymap(join(resourcesDir, 'demo'));
    expect(demo.problems).toEqual([]);
    expect(new Set(demo.bindings.map((binding) => `${binding.key}=${binding.action}`))).toEqual(new Set(defaultBindings.map((binding) => `${binding.key}=${binding.action}`)));
  });

  it('reads keys the way people write them', () => {
    expect(normalizeKey('ctrl + z')).toBe('Ctrl+Z');
    expect(normalizeKey('shift+alt+f2')).toBe('Alt+Shift+F2');
    expect(normalizeKey('Hyper+Q')).toBeNull();
    expect(normalizeKey('Ctrl+Ctrl+Z')).toBeNull();
    expect(normalizeKey('F13')).toBeNull();
  });

  it('knows a key by its place on the keyboard, whatever the IME or Shift makes of it', () => {
    expect(press({ key: 'z', code: 'KeyZ', ctrlKey: true })).toBe('Ctrl+Z');
    expect(press({ key: 'Process', code: 'KeyD' })).toBe('D');
    expect(press({ key: '%', code: 'Digit5', shiftKey: true })).toBe('Shift+5');
    expect(press({ key: '5', code: 'Digit5' })).toBe('5');
    expect(press({ key: '?', code: 'Slash', shiftKey: true })).toBe('?');
    expect(press({ key: 'F2', code: 'F2' })).toBe('F2');
  });

  it('takes a room file over the defaults, and refuses a file with a conflict, an unknown action or a bad key as a whole', () => {
    const changed = loadKeymap({ bindings: { commandBar: 'F4', 'dispatch.2': ['Alt+C', '2'] } });
    expect(changed.problems).toEqual([]);
    expect(changed.bindings.filter((binding) => binding.action === 'commandBar')).toEqual([{ key: 'F4', action: 'commandBar' }]);
    expect(changed.bindings.filter((binding) => binding.action === 'dispatch.2').map((binding) => binding.key)).toEqual(['Alt+C', '2']);

    const conflict = loadKeymap({ bindings: { commandBar: 'U' } });
    expect(conflict.problems).toEqual([{ kind: 'conflict', key: 'U', actions: ['act.supervise', 'commandBar'] }]);
    expect(conflict.bindings).toEqual([...defaultBindings]);
    expect(loadKeymap({ bindings: { launchRockets: 'F4' } }).problems).toEqual([{ kind: 'unknownAction', action: 'launchRockets' }]);
    expect(loadKeymap({ bindings: { commandBar: 'Super+K' } }).problems).toEqual([{ kind: 'badKey', action: 'commandBar', key: 'Super+K' }]);
  });

  it('reports a broken keymap file in the core, in the window language, and keeps the defaults', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gridwall-keymap-'));
    try {
      writeFileSync(join(dir, 'keymap.json'), '{ "bindings": { "commandBar": "U" ');
      expect(readKeymap(dir).problems[0]).toMatchObject({ kind: 'badKey', action: '(file)' });
      writeFileSync(join(dir, 'keymap.json'), JSON.stringify({ bindings: { undo: 'F2' } }));
      expect(readKeymap(dir).problems).toEqual([{ kind: 'conflict', key: 'F2', actions: ['commandBar', 'undo'] }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(JSON.parse(readFileSync(join(resourcesDir, 'demo', 'keymap.json'), 'utf8')).bindings.commandBar).toBe('F2');
  });
});

describe('keys per window', () => {
  it('lets one key mean one thing in the queue and another on the map, but never clash with a key every window has', () => {
    expect(findConflicts([{ key: '3', action: 'dispatch.3' }, { key: '3', action: 'density.slot.3' }])).toEqual([]);
    expect(findConflicts([{ key: '3', action: 'density.slot.3' }, { key: '3', action: 'density.slot.4' }])).toEqual([{ kind: 'conflict', key: '3', actions: ['density.slot.3', 'density.slot.4'] }]);
    expect(findConflicts([{ key: '3', action: 'density.slot.3' }, { key: '3', action: 'layout.4' }])).toEqual([{ kind: 'conflict', key: '3', actions: ['density.slot.3', 'layout.4'] }]);
    expect(loadKeymap({ bindings: { 'density.allDay': 'N' } }).problems).toEqual([]);
  });
});
