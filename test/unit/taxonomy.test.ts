import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Category, Department } from '../../shared/domain/organisation';
import { CategoriesSchema } from '../../shared/domain/referenceSchemas';

/** The shipped demo taxonomy, as written by scripts/draw-taxonomy.ts. */
const readJson = (file: string): unknown => JSON.parse(readFileSync(new URL(`../../resources/demo/${file}`, import.meta.url), 'utf8'));
const categories = readJson('categories.json') as Category[];
const departments = readJson('departments.json') as Department[];

const majors = new Map<string, Category[]>();
for (const category of categories) majors.set(category.majorCode, [...(majors.get(category.majorCode) ?? []), category]);

describe('demo case taxonomy', () => {
  it('passes the reference schema', () => {
    expect(() => CategoriesSchema.parse(categories)).not.toThrow();
  });

  it('has 187 minor categories in about 20 majors, as the brief says', () => {
    expect(categories).toHaveLength(187);
    expect(majors.size).toBeGreaterThanOrEqual(18);
    expect(majors.size).toBeLessThanOrEqual(22);
  });

  it('has unique codes, sorted, each made of type digit + major + minor', () => {
    const codes = categories.map((category) => category.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes).toEqual([...codes].sort());
    for (const category of categories) {
      expect(category.code, category.code).toMatch(/^[12]\d{4}$/);
      expect(category.code.slice(0, 3), category.code).toBe(category.majorCode);
      expect(category.code[0], category.code).toBe(category.type === 'component' ? '1' : '2');
    }
  });

  it('numbers the minors of each major 01, 02, … and names the major the same way throughout', () => {
    for (const [majorCode, minors] of majors) {
      expect(minors.length, majorCode).toBeGreaterThanOrEqual(3);
      expect(minors.map((category) => category.code.slice(3))).toEqual(minors.map((_, index) => String(index + 1).padStart(2, '0')));
      expect(new Set(minors.map((category) => JSON.stringify(category.majorName))).size, majorCode).toBe(1);
      expect(new Set(minors.map((category) => category.type)).size, majorCode).toBe(1);
    }
  });

  it('does not name two majors or two minors alike', () => {
    const majorNames = [...majors.values()].map((minors) => minors[0]!.majorName.zh);
    expect(new Set(majorNames).size).toBe(majorNames.length);
    expect(new Set(categories.map((category) => category.name.zh)).size).toBe(categories.length);
    expect(new Set(categories.map((category) => category.name.en)).size).toBe(categories.length);
  });

  it('gives every category a lead department that exists', () => {
    const known = new Set(departments.map((department) => department.id));
    for (const category of categories) expect(known, category.code).toContain(category.leadDepartmentId);
  });

  it('keeps the codes that cases and tests already use, with the same meaning, lead, limit and urgency', () => {
    const byCode = new Map(categories.map((category) => [category.code, category]));
    const kept: [code: string, zh: string, lead: string, value: number, unit: Category['timeLimit']['unit'], urgent: boolean][] = [
      ['20101', '暴露垃圾', 'SANITATION', 4, 'workingHours', false],
      ['20102', '积存垃圾渣土', 'SANITATION', 2, 'workingDays', false],
      ['20103', '道路不洁', 'SANITATION', 2, 'workingHours', false],
      ['20105', '违法建设', 'CITYMGMT', 15, 'workingDays', false],
      ['20106', '建筑垃圾乱倒', 'CITYMGMT', 4, 'workingHours', false],
      ['20401', '无照经营游商', 'CITYMGMT', 2, 'workingHours', false],
      ['20404', '机动车乱停放', 'TRAFFIC', 2, 'workingHours', false],
      ['20501', '道路塌陷', 'SUB', 2, 'workingHours', true],
      ['20503', '道路积水', 'SANITATION', 4, 'workingHours', true],
      ['20801', '群租', 'HOUSING', 15, 'workingDays', false],
      ['10101', '上水井盖破损', 'HOUSING', 4, 'workingHours', true],
      ['10402', '绿地破损', 'GREENING', 5, 'workingDays', false],
    ];
    for (const [code, zh, lead, value, unit, urgent] of kept) {
      const category = byCode.get(code);
      expect(category, code).toBeDefined();
      expect(category!.name.zh, code).toBe(zh);
      expect(category!.leadDepartmentId, code).toBe(lead);
      expect(category!.timeLimit, code).toEqual({ value, unit });
      expect(category!.urgentByDefault, code).toBe(urgent);
    }
    expect(byCode.get('20101')!.majorName).toEqual({ zh: '市容环境', en: 'City appearance' });
    expect(byCode.get('20501')!.majorName.zh).toBe('突发事件');
  });

  it('treats every emergency as urgent, with a short limit', () => {
    const emergencies = categories.filter((category) => category.majorName.zh === '突发事件');
    expect(emergencies.length).toBeGreaterThanOrEqual(5);
    for (const category of emergencies) {
      expect(category.urgentByDefault, category.code).toBe(true);
      expect(category.timeLimit.unit, category.code).toBe('workingHours');
      expect(category.timeLimit.value, category.code).toBeLessThanOrEqual(4);
    }
  });

  it('sets time limits within sane bounds', () => {
    for (const { code, timeLimit } of categories) {
      expect(Number.isInteger(timeLimit.value), code).toBe(true);
      const [min, max] = timeLimit.unit === 'workingHours' ? [1, 48] : [1, 30];
      expect(timeLimit.value, code).toBeGreaterThanOrEqual(min);
      expect(timeLimit.value, code).toBeLessThanOrEqual(max);
    }
  });
});
