import type { TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CommandKind } from '../../shared/commands/grammar';
import { parseCommand, type Parse, type ParseErrorCode, type ParserContext } from '../../shared/commands/parser';
import { readBack } from '../../shared/commands/readBack';
import type { MatchReason } from '../../shared/commands/vocabulary';
import type { Locale } from '../../shared/domain/names';
import { createI18n } from '../../shared/i18n';
import { demoParserContext } from '../support/demoParser';

/**
 * The command language against the way the room talks: every row is one
 * phrasing and everything the parse should make of it. A field left out of a
 * row is expected empty (no departments, no category, no place, no count,
 * normal urgency, no error, nothing unknown), so a row fails when the parser
 * finds too much as well as too little.
 */


let context: ParserContext;
let zh: TFunction;
let en: TFunction;

beforeAll(() => {
  context = demoParserContext();
  zh = createI18n('zh-CN').t;
  en = createI18n('en').t;
});

interface Row {
  in: string;
  kind: CommandKind | null;
  /** 'this' for the selected case, or a case number. */
  ref?: string;
  into?: string;
  /** Department ids, lead first. */
  deps?: string[];
  /** How each department was recognised, in the same order (only where it matters). */
  by?: MatchReason[];
  cat?: string;
  /** 'R06#200' road and house number, 'R06' road alone, 'P001x2' place and exit, 'P016' place, 'G01' grid. */
  at?: string;
  count?: number;
  urgent?: true;
  error?: ParseErrorCode;
  unknown?: string[];
  /** Ids the parse could not choose between (error 'ambiguous') or chose among (a second problem named). */
  candidates?: string[];
  reason?: string;
  level?: number;
  screen?: number;
  layout?: number;
  module?: 'timeSlot' | 'keyFocus' | 'emergency';
  presentation?: boolean;
}

const spokenZh: Row[] = [
  // Metro stations and their exits, one row for each of the 12.
  { in: '光复路200号门口3个摊头占道，城管速去', kind: 'newCase', at: 'R06#200', cat: '20415', count: 3, deps: ['CITYMGMT'], urgent: true },
  { in: '曲阜路地铁站2号口有一辆面包车违停，交警立即处理', kind: 'newCase', at: 'P001x2', cat: '20404', count: 1, deps: ['TRAFFIC'], urgent: true },
  { in: '中兴路站3号出口有人发小广告，城管去一下', kind: 'newCase', at: 'P002x3', cat: '20205', deps: ['CITYMGMT'] },
  { in: '西藏北路站1号口两辆黑车在拉客，交警马上去', kind: 'newCase', at: 'P003x1', cat: '20406', count: 2, deps: ['TRAFFIC'], urgent: true },
  { in: '火车站地铁站4号口人员聚集，派出所速去', kind: 'newCase', at: 'P004x4', cat: '21205', deps: ['POLICE'], urgent: true },
  { in: '汉中路站2号口共享单车堆积，交警中队处理一下', kind: 'newCase', at: 'P005x2', cat: '21404', deps: ['TRAFFIC'], by: ['name'] },
  { in: '宝山路站附近有人乞讨，派出所去看看', kind: 'newCase', at: 'P006', cat: '20407', deps: ['POLICE'] },
  { in: '中山北路站5号口积水严重', kind: 'newCase', at: 'P007x5', cat: '20503' },
  { in: '延长路地铁站1号口有流浪汉睡在路边，街道联勤去', kind: 'newCase', at: 'P008x1', cat: '20414', deps: ['SUB'] },
  { in: '马戏城站3号口黑车拉客，交巡警马上到场', kind: 'newCase', at: 'P009x3', cat: '20406', deps: ['TRAFFIC'], by: ['alias'], urgent: true },
  { in: '汶水路站4号口有人发传单', kind: 'newCase', at: 'P010x4', cat: '20205' },
  { in: '彭浦新村地铁站2号口又出现鬼市，城管速去', kind: 'newCase', at: 'P011x2', cat: '20413', deps: ['CITYMGMT'], urgent: true },
  { in: '共康路站一号口电瓶车乱停，交警去', kind: 'newCase', at: 'P012x1', cat: '20405', deps: ['TRAFFIC'] },
  // Named places: the railway station, landmarks, markets, schools, parks, hospitals.
  { in: '上海火车站门口黑车拉客，交警和派出所联合整治', kind: 'newCase', at: 'P013', cat: '20406', deps: ['TRAFFIC', 'POLICE'] },
  { in: '四行仓库门口有人拉横幅，派出所马上去', kind: 'newCase', at: 'P014', cat: '20203', deps: ['POLICE'], urgent: true },
  { in: '鬼市又出摊了，城管联勤速去', kind: 'newCase', at: 'P015', cat: '20413', candidates: ['20413', '20415'], deps: ['CITYMGMT', 'SUB'], urgent: true },
  { in: '康乐路小学门口有小贩卖三无食品，市场所和食药监去查', kind: 'newCase', at: 'P016', cat: '20401', candidates: ['20401', '20707'], deps: ['MARKET', 'FOOD'], by: ['shortName', 'shortName'] },
  { in: '康乐小学门口接送拥堵，交警去疏导', kind: 'newCase', at: 'P016', cat: '21407', deps: ['TRAFFIC'] },
  { in: '大宁灵石公园附近有人露天烧烤', kind: 'newCase', at: 'P017', cat: '20410' },
  { in: '灵石公园里面广场舞太吵，派出所去劝一下', kind: 'newCase', at: 'P017', cat: '20905', deps: ['POLICE'] },
  { in: '闸北公园门口有人遛狗不牵绳', kind: 'newCase', at: 'P020', cat: '20909' },
  { in: '岭南公园有人晕倒，马上派人去', kind: 'newCase', at: 'P024', cat: '21203', urgent: true },
  { in: '不夜城绿地有人乱扔垃圾，叫环卫去清理', kind: 'newCase', at: 'P026', cat: '20101', deps: ['SANITATION'] },
  { in: '芷江西路菜市场门口活禽宰杀，市场监管所去查处', kind: 'newCase', at: 'P027', cat: '20709', deps: ['MARKET'], by: ['name'] },
  { in: '彭浦新村菜场门口跨门营业，城管速去', kind: 'newCase', at: 'P028', cat: '20402', deps: ['CITYMGMT'], urgent: true },
  { in: '十院门口有辆僵尸车，交警处理', kind: 'newCase', at: 'P021', cat: '21403', deps: ['TRAFFIC'] },
  { in: '市北医院门口违停严重，交警马上', kind: 'newCase', at: 'P023', cat: '20404', deps: ['TRAFFIC'], urgent: true },
  { in: '上大延长校区门口有无证餐饮，食药监去', kind: 'newCase', at: 'P022', cat: '20701', deps: ['FOOD'] },
  { in: '大悦城门口人员聚集，派出所速去', kind: 'newCase', at: 'P025', cat: '21205', deps: ['POLICE'], urgent: true },
  { in: '大宁国际商业广场门口有流动广告车，城管去', kind: 'newCase', at: 'P019', cat: '20207', deps: ['CITYMGMT'] },
  { in: '上海马戏城门口有人卖艺', kind: 'newCase', at: 'P018', cat: '20407' },
  // Roads and house numbers.
  { in: '共和新路1200号门口有人占道洗车，城管去', kind: 'newCase', at: 'R01#1200', cat: '20409', deps: ['CITYMGMT'] },
  { in: '西藏北路500号路面塌陷，马上通知房办和交警', kind: 'newCase', at: 'R02#500', cat: '20501', deps: ['HOUSING', 'TRAFFIC'], urgent: true },
  { in: '天目西路88号门口堆放杂物，城管中队速去', kind: 'newCase', at: 'R04#88', cat: '20403', deps: ['CITYMGMT'], by: ['name'], urgent: true },
  { in: '天目中路600号有人晾衣服', kind: 'newCase', at: 'R05#600', cat: '20109' },
  { in: '恒丰路300号燃气泄漏，紧急，派出所和街道办事处马上到场', kind: 'newCase', at: 'R07#300', cat: '20506', deps: ['POLICE', 'SUB'], by: ['name', 'name'], urgent: true },
  { in: '长安路1000号井盖没了，叫房管去', kind: 'newCase', at: 'R08#1000', cat: '20505', deps: ['HOUSING'], by: ['alias'] },
  { in: '芷江中路120号楼道充电，房办去查', kind: 'newCase', at: 'R10#120', cat: '20804', deps: ['HOUSING'] },
  { in: '宝山路450号门口有人摆摊卖水果', kind: 'newCase', at: 'R11#450', cat: '20415' },
  { in: '大统路800号有人烧垃圾，环卫去', kind: 'newCase', at: 'R12#800', cat: '21102', deps: ['SANITATION'] },
  { in: '延长中路500号有人在路边烧烤', kind: 'newCase', at: 'R13#500', cat: '20410' },
  { in: '大宁路300号附近有一堆建筑垃圾，叫绿化市容所去', kind: 'newCase', at: 'R14#300', cat: '20106', count: 1, deps: ['GREENING'], by: ['name'] },
  { in: '汶水路1000号有人群租，房办速去', kind: 'newCase', at: 'R15#1000', cat: '20801', deps: ['HOUSING'], urgent: true },
  { in: '场中路2000号门口电线断了，紧急', kind: 'newCase', at: 'R16#2000', cat: '20507', urgent: true },
  { in: '临汾路1500号地锁，城管去拆', kind: 'newCase', at: 'R17#1500', cat: '20412', deps: ['CITYMGMT'] },
  { in: '平型关路100号夜间施工扰民，城管马上去', kind: 'newCase', at: 'R18#100', cat: '20304', deps: ['CITYMGMT'], urgent: true },
  { in: '沪太路1500号有个大件垃圾，环卫', kind: 'newCase', at: 'R19#1500', cat: '20108', deps: ['SANITATION'] },
  { in: '万荣路1000号僵尸车', kind: 'newCase', at: 'R20#1000', cat: '21403' },
  { in: '江场西路200号门口路灯坏了，绿化市容去', kind: 'newCase', at: 'R21#200', cat: '10103', deps: ['GREENING'], by: ['shortName'] },
  { in: '永和路600号十二处小广告，城管', kind: 'newCase', at: 'R22#600', cat: '20201', count: 12, deps: ['CITYMGMT'] },
  { in: '闻喜路300号高空抛物，派出所立即', kind: 'newCase', at: 'R23#300', cat: '20904', deps: ['POLICE'], urgent: true },
  { in: '交通路900号油烟扰民，城管去', kind: 'newCase', at: 'R24#900', cat: '21101', deps: ['CITYMGMT'] },
  { in: '康乐路50号门口路面积水', kind: 'newCase', at: 'R25#50', cat: '20503' },
  { in: '曲阜路100号发现死猫一只，叫环卫去处理', kind: 'newCase', at: 'R26#100', cat: '20111', count: 1, deps: ['SANITATION'] },
  { in: '光复路200号前面三个摊头，城管抓紧处理', kind: 'newCase', at: 'R06#200', cat: '20415', count: 3, deps: ['CITYMGMT'], urgent: true },
  { in: '十几个摊头在光复路200号', kind: 'newCase', at: 'R06#200', cat: '20415' },
  { in: '光复路上有两辆车违停', kind: 'newCase', at: 'R06', cat: '20404', count: 2 },
  { in: '两辆面包车停在共和新路800号门口，交警马上去', kind: 'newCase', at: 'R01#800', cat: '20404', count: 2, deps: ['TRAFFIC'], urgent: true },
  { in: '宝山路300号门口有人占道经营，叫chengguan去', kind: 'newCase', at: 'R11#300', cat: '20402', deps: ['CITYMGMT'] },
  { in: '早上5点光复路200号有人设摊卖菜', kind: 'newCase', at: 'R06#200', cat: '20415' },
  { in: '凌晨3点光复路有人烧东西', kind: 'newCase', at: 'R06', cat: '21102' },
  { in: '凌晨三点光复路有人烧东西', kind: 'newCase', at: 'R06', cat: '21102' },
  { in: '居民上报光复路200号有摊头', kind: 'newCase', at: 'R06#200', cat: '20415' },
  { in: '市民打12345说光复路200号有人卖假货', kind: 'newCase', at: 'R06#200', cat: '20605' },
  { in: '视频巡查发现共康路站1号口有黑车', kind: 'newCase', at: 'P012x1', cat: '20406' },
  { in: '汶水路500号有辆车违停好几天了', kind: 'newCase', at: 'R15#500', cat: '20404' },
  { in: '彭浦新村菜场门口有人杀鸡，食药监和市场所去看下', kind: 'newCase', at: 'P028', cat: '20709', deps: ['FOOD', 'MARKET'] },
  { in: '居民反映光复路200号晚上有人烧烤，油烟很大', kind: 'newCase', at: 'R06#200', cat: '20410', candidates: ['20410', '21101'] },
  { in: '光复路200号那边有三个摊头，让城管马上过去看一下', kind: 'newCase', at: 'R06#200', cat: '20415', count: 3, deps: ['CITYMGMT'], urgent: true },
  { in: '光复路200号有人乱停车，叫交警拖走', kind: 'newCase', at: 'R06#200', cat: '20404', deps: ['TRAFFIC'] },
  { in: '马上通知交警，共和新路高架下面有车祸', kind: 'newCase', at: 'R01', cat: '21202', deps: ['TRAFFIC'], urgent: true },
  { in: '延长路站那里有人拉客', kind: 'newCase', at: 'P008', cat: '20406' },
  { in: '大宁公园门口有个老人晕倒了，赶紧叫120', kind: 'newCase', at: 'P017', cat: '21203', urgent: true },
  // Grids by name.
  { in: '天目西路第1网格有人乱贴小广告，城管去', kind: 'newCase', at: 'G01', cat: '20201', deps: ['CITYMGMT'] },
  { in: '北站第3网格发现群租，房办和派出所联合整治', kind: 'newCase', at: 'G07', cat: '20801', deps: ['HOUSING', 'POLICE'] },
  { in: '彭浦镇第12网格有人露天焚烧', kind: 'newCase', at: 'G59', cat: '21102' },
  { in: '大宁路第10网格有积水', kind: 'newCase', at: 'G31', cat: '20503' },
  { in: '网格员报告彭浦新村第3网格有群租', kind: 'newCase', at: 'G38', cat: '20801' },
  // Departments by alias, pinyin, initials and with a typo.
  { in: '临汾路800号群租，派jd和pcs', kind: 'newCase', at: 'R17#800', cat: '20801', deps: ['SUB', 'POLICE'], by: ['alias', 'alias'] },
  { in: '恒丰路100号小广告，cg速去', kind: 'newCase', at: 'R07#100', cat: '20201', deps: ['CITYMGMT'], urgent: true },
  { in: '汶水路500号门口有人撸串，执法队去', kind: 'newCase', at: 'R15#500', cat: '20410', deps: ['CITYMGMT'], by: ['alias'] },
  { in: '共和新路2000号十万火急，有人倒地，民警和保洁马上去', kind: 'newCase', at: 'R01#2000', cat: '21203', deps: ['POLICE', 'SANITATION'], by: ['alias', 'alias'], urgent: true },
  { in: '延长中路300号门口过期食品，食药去查', kind: 'newCase', at: 'R13#300', cat: '20703', deps: ['FOOD'], by: ['alias'] },
  { in: '芷江西路200号楼道堆物，物业去处理', kind: 'newCase', at: 'R09#200', cat: '20902', deps: ['HOUSING'], by: ['alias'] },
  { in: '中兴路站2号口渣土撒落，环卫作业公司和交警中队', kind: 'newCase', at: 'P002x2', cat: '20305', deps: ['SANITATION', 'TRAFFIC'], by: ['name', 'name'] },
  { in: '大宁路100号大树倒伏，lh去', kind: 'newCase', at: 'R14#100', cat: '10401', deps: ['GREENING'], by: ['alias'] },
  { in: '闻喜路100号无证餐饮，市监和工商所一起去', kind: 'newCase', at: 'R23#100', cat: '20701', deps: ['MARKET'], by: ['alias'] },
  { in: '西藏北路800号违停，派jiaojign', kind: 'newCase', at: 'R02#800', cat: '20404', deps: ['TRAFFIC'], by: ['fuzzy'] },
  { in: '长安路500号门口乱设摊，chenggaun赶紧', kind: 'newCase', at: 'R08#500', cat: '20415', deps: ['CITYMGMT'], by: ['fuzzy'], urgent: true },
  // Typed with an IME: full-width digits, letters, punctuation and spaces.
  { in: '光复路２００号门口３个摊头，城管速去！', kind: 'newCase', at: 'R06#200', cat: '20415', count: 3, deps: ['CITYMGMT'], urgent: true },
  { in: '曲阜路站２号口　有人发小广告　ｃｇ　速去', kind: 'newCase', at: 'P001x2', cat: '20205', deps: ['CITYMGMT'], urgent: true },
  // Seen on a screen tile: the screen is kept for the core to place it.
  { in: '04:19 屏11 两个摊头，城管速去', kind: 'newCase', screen: 11, cat: '20415', count: 2, deps: ['CITYMGMT'], urgent: true },
  // Honest about what it did not understand.
  { in: '光复路200号门口有人摆摊卖煎饼', kind: 'newCase', at: 'R06#200', cat: '20415', unknown: ['煎饼'] },
  { in: '光复路200号又有人摆摊了，已经第三次了', kind: 'newCase', at: 'R06#200', cat: '20415', unknown: ['第三次'] },
  { in: '光复路200号 摊头 城关 速去', kind: 'newCase', at: 'R06#200', cat: '20415', urgent: true, unknown: ['城关'] },
  // Never guessed: a road said without its direction, a squad without its name.
  { in: '天目路50号违停', kind: 'newCase', cat: '20404', error: 'ambiguous', candidates: ['R04', 'R05'] },
  { in: '芷江路100号有垃圾，环卫去', kind: 'newCase', cat: '20101', deps: ['SANITATION'], error: 'ambiguous', candidates: ['R09', 'R10'] },
  { in: '中队去一下光复路200号摊头', kind: 'newCase', at: 'R06#200', cat: '20415', error: 'ambiguous', candidates: ['CITYMGMT', 'TRAFFIC'] },
  { in: '光复路200号有情况', kind: 'newCase', at: 'R06#200', error: 'missingCategory' },
  { in: '今天天气不错', kind: null, error: 'unrecognised', unknown: ['天气不错'] },
];

const terseZh: Row[] = [
  { in: '派 this 城管 交警', kind: 'dispatch', ref: 'this', deps: ['CITYMGMT', 'TRAFFIC'] },
  { in: '派单 20261127-0003 市场所', kind: 'dispatch', ref: '20261127-0003', deps: ['MARKET'], by: ['shortName'] },
  { in: '派遣 202611270003 食药监', kind: 'dispatch', ref: '20261127-0003', deps: ['FOOD'] },
  { in: '派给 这个 环卫', kind: 'dispatch', ref: 'this', deps: ['SANITATION'] },
  { in: '派城管', kind: 'dispatch', ref: 'this', deps: ['CITYMGMT'] },
  { in: '交给 本案 绿化', kind: 'dispatch', ref: 'this', deps: ['GREENING'], by: ['alias'] },
  { in: '派 20261127-0003 城管主办 交警协办', kind: 'dispatch', ref: '20261127-0003', deps: ['CITYMGMT', 'TRAFFIC'] },
  { in: '派 this 城管 中队', kind: 'dispatch', ref: 'this', deps: ['CITYMGMT'] },
  { in: '派 this 城管、交警、派出所', kind: 'dispatch', ref: 'this', deps: ['CITYMGMT', 'TRAFFIC', 'POLICE'] },
  { in: '派 this to:城管,交警', kind: 'dispatch', ref: 'this', deps: ['CITYMGMT', 'TRAFFIC'] },
  { in: '派　ｔｈｉｓ　城管', kind: 'dispatch', ref: 'this', deps: ['CITYMGMT'] },
  { in: '派    this     城管', kind: 'dispatch', ref: 'this', deps: ['CITYMGMT'] },
  { in: '派城管去光复路200号处理摊头', kind: 'newCase', at: 'R06#200', cat: '20415', deps: ['CITYMGMT'] },
  { in: '派 this 街道办事处', kind: 'dispatch', ref: 'this', deps: ['SUB'], by: ['name'] },
  { in: '派 this 公安', kind: 'dispatch', ref: 'this', deps: ['POLICE'], by: ['alias'] },
  { in: '派 this 食药监分所', kind: 'dispatch', ref: 'this', deps: ['FOOD'], by: ['name'] },
  { in: '派 this 环卫作业公司', kind: 'dispatch', ref: 'this', deps: ['SANITATION'], by: ['name'] },
  { in: '协办 this 派出所', kind: 'assist', ref: 'this', deps: ['POLICE'] },
  { in: '加派 20261127-0012 交警 环卫', kind: 'assist', ref: '20261127-0012', deps: ['TRAFFIC', 'SANITATION'] },
  { in: '增派 民警', kind: 'assist', ref: 'this', deps: ['POLICE'], by: ['alias'] },
  { in: '督办 this 2级', kind: 'supervise', ref: 'this', level: 2 },
  { in: '督办 ２０２６１１２７－０００３', kind: 'supervise', ref: '20261127-0003' },
  { in: '催办 这件 三级', kind: 'supervise', ref: 'this', level: 3 },
  { in: '退回 this 不属于本单位职责', kind: 'return', ref: 'this', reason: '不属于本单位职责' },
  { in: '退单 20261127-0005 reason: 地址错误', kind: 'return', ref: '20261127-0005', reason: '地址错误' },
  { in: '退回 20261127-0005 原因：地址不在本辖区', kind: 'return', ref: '20261127-0005', reason: '地址不在本辖区' },
  { in: '退回 this 原因 不属于本辖区', kind: 'return', ref: 'this', reason: '不属于本辖区' },
  { in: '退回 this', kind: 'return', ref: 'this', error: 'missingReason' },
  { in: '合并 this 到 20261127-0003', kind: 'merge', ref: 'this', into: '20261127-0003' },
  { in: '并入 20261127-0007 20261127-0003', kind: 'merge', ref: '20261127-0007', into: '20261127-0003' },
  { in: '合并 this', kind: 'merge', ref: 'this', error: 'missingTarget' },
  { in: '作废 this 重复上报', kind: 'void', ref: 'this', reason: '重复上报' },
  { in: '作废 20261127-0009', kind: 'void', ref: '20261127-0009', error: 'missingReason' },
  { in: '结案 this', kind: 'close', ref: 'this' },
  { in: '结案 案件 20261127-0003', kind: 'close', ref: '20261127-0003' },
  { in: '办结 20261127 0003', kind: 'close', ref: '20261127-0003' },
  { in: '重新打开 20261127-0003', kind: 'reopen', ref: '20261127-0003' },
  { in: '重开 this', kind: 'reopen', ref: 'this' },
  { in: '加急 this', kind: 'urgent', ref: 'this' },
  { in: '加急 光复路200号着火了', kind: 'newCase', at: 'R06#200', cat: '21201', urgent: true },
  { in: '上报 光复路200号 垃圾', kind: 'newCase', at: 'R06#200', cat: '20101' },
  { in: '新建 光复路200号 cat:20415 to:城管', kind: 'newCase', at: 'R06#200', cat: '20415', deps: ['CITYMGMT'] },
  { in: '屏11 光复路', kind: 'screen', screen: 11, at: 'R06' },
  { in: '屏１１ 光复路２００号', kind: 'screen', screen: 11, at: 'R06#200' },
  { in: '11号屏 光复路200号', kind: 'screen', screen: 11, at: 'R06#200' },
  { in: '大屏3 曲阜路站2号口', kind: 'screen', screen: 3, at: 'P001x2' },
  { in: '屏幕 5 康乐路小学', kind: 'screen', screen: 5, at: 'P016' },
  { in: '屏3切光复路200号', kind: 'screen', screen: 3, at: 'R06#200' },
  { in: '屏 光复路', kind: 'screen', at: 'R06', error: 'missingScreen' },
  { in: '布局 9', kind: 'layout', layout: 9 },
  { in: '九宫格', kind: 'layout', layout: 9 },
  { in: '16分屏', kind: 'layout', layout: 16 },
  { in: '切换九宫格', kind: 'layout', layout: 9 },
  { in: '四画面', kind: 'layout', layout: 4 },
  { in: '布局 7', kind: 'layout', layout: 7, error: 'badLayout' },
  { in: '切换 应急视频', kind: 'module', module: 'emergency' },
  { in: '切换到重点视频', kind: 'module', module: 'keyFocus' },
  { in: '模块 时段', kind: 'module', module: 'timeSlot' },
  { in: '切换', kind: 'module', error: 'missingModule' },
  { in: '进入演示模式', kind: 'presentation', presentation: true },
  { in: '退出演示', kind: 'presentation', presentation: false },
  { in: '演示', kind: 'presentation' },
  { in: '撤销', kind: 'undo' },
  { in: '撤回', kind: 'undo' },
  { in: '撤销上一步', kind: 'undo' },
  { in: '切到应急', kind: 'module', module: 'emergency' },
  { in: '合并 20261127-0003 至 20261127-0001', kind: 'merge', ref: '20261127-0003', into: '20261127-0001' },
  { in: '退回 this：不是我们的', kind: 'return', ref: 'this', reason: '不是我们的' },
];

const spokenEn: Row[] = [
  {
    in: 'Construction waste dumped on the pavement outside Zhijiang West Road 300, blocking the bus stop — sanitation and city management, clear it now!',
    kind: 'newCase',
    at: 'R09#300',
    cat: '20106',
    candidates: ['20106', '21408'],
    deps: ['SANITATION', 'CITYMGMT'],
    urgent: true,
  },
  { in: '3 street vendors outside Qufu Rd Station exit 2, city management now', kind: 'newCase', at: 'P001x2', cat: '20401', count: 3, deps: ['CITYMGMT'], urgent: true },
  { in: 'Two vans parked at Guangfu Road 200, traffic police immediately', kind: 'newCase', at: 'R06#200', cat: '20404', count: 2, deps: ['TRAFFIC'], urgent: true },
  { in: 'Rubbish piled outside Kangle Road Primary School, sanitation please', kind: 'newCase', at: 'P016', cat: '20101', deps: ['SANITATION'], by: ['shortName'] },
  { in: 'Group renting at Wenshui Road 1000, housing office and police', kind: 'newCase', at: 'R15#1000', cat: '20801', deps: ['HOUSING', 'POLICE'] },
  { in: 'Illegal parking at Zhongxing Road Station exit 3, traffic squad asap', kind: 'newCase', at: 'P002x3', cat: '20404', deps: ['TRAFFIC'], urgent: true },
  { in: 'Hawkers at the Guangfu Road ghost market again, chengguan now', kind: 'newCase', at: 'P015', cat: '20401', deps: ['CITYMGMT'], urgent: true },
  { in: 'A fallen tree on Daning Road 300, greening office urgently', kind: 'newCase', at: 'R14#300', cat: '10401', deps: ['GREENING'], urgent: true },
  { in: 'Gas leak at Hengfeng Road 300, police and sub-district at once', kind: 'newCase', at: 'R07#300', cat: '20506', deps: ['POLICE', 'SUB'], urgent: true },
  { in: 'Burst pipe outside Shanghai Railway Station, housing and sanitation', kind: 'newCase', at: 'P013', cat: '20502', deps: ['HOUSING', 'SANITATION'] },
  { in: 'Open-air barbecue in Daning Park, city mgmt', kind: 'newCase', at: 'P017', cat: '20410', deps: ['CITYMGMT'], by: ['shortName'] },
  { in: '12 shared bikes piled up at Hanzhong Rd Station exit 1', kind: 'newCase', at: 'P005x1', cat: '21404', count: 12 },
  { in: 'Flooding at Zhongshan North Road Station exit 5', kind: 'newCase', at: 'P007x5', cat: '20503' },
  { in: 'Someone collapsed outside Lingnan Park, send police right now', kind: 'newCase', at: 'P024', cat: '21203', deps: ['POLICE'], urgent: true },
  { in: 'Graffiti on Datong Road 800, cleaners', kind: 'newCase', at: 'R12#800', cat: '20110', deps: ['SANITATION'], by: ['alias'] },
  { in: 'Expired food on sale at Pengpu Xincun market, food and drug office', kind: 'newCase', at: 'P028', cat: '20703', deps: ['FOOD'] },
  { in: 'Unlicensed taxi touting at Shanghai Station, traffic police and cops', kind: 'newCase', at: 'P013', cat: '20406', deps: ['TRAFFIC', 'POLICE'] },
  { in: 'Street light out on Tianmu Middle Road 600', kind: 'newCase', at: 'R05#600', cat: '10103' },
  { in: 'Drying clothes outside Tianmu West Rd 88', kind: 'newCase', at: 'R04#88', cat: '20109' },
  { in: 'Square dancing in Zhabei Park, police please', kind: 'newCase', at: 'P020', cat: '20905', deps: ['POLICE'] },
  { in: 'Dog off the lead in Buyecheng Green', kind: 'newCase', at: 'P026', cat: '20909' },
  { in: 'Dead rat on Qufu Road 100, cleaners', kind: 'newCase', at: 'R26#100', cat: '20111', deps: ['SANITATION'] },
  { in: 'Traffic jam at Gonghexin Road 1200, jiaojing', kind: 'newCase', at: 'R01#1200', cat: '21401', deps: ['TRAFFIC'], by: ['pinyin'] },
  { in: 'Fire at Joy City, police and sub-district immediately', kind: 'newCase', at: 'P025', cat: '21201', deps: ['POLICE', 'SUB'], urgent: true },
  { in: 'Stalls at Tianmu West Rd Grid 1, City Management Squad', kind: 'newCase', at: 'G01', cat: '20415', deps: ['CITYMGMT'], by: ['name'] },
  { in: 'Rubbish at Daning Road Grid 10', kind: 'newCase', at: 'G31', cat: '20101' },
  { in: 'Begging outside Sihang Warehouse', kind: 'newCase', at: 'P014', cat: '20407' },
  { in: '5 stalls outside 200 Guangfu Road', kind: 'newCase', at: 'R06#200', cat: '20415', count: 5 },
  { in: 'several stalls at Qufu Road 100', kind: 'newCase', at: 'R26#100', cat: '20415' },
  { in: 'Pothole on Wanrong Road 1000', kind: 'newCase', at: 'R20#1000', cat: '10209' },
  { in: 'Abandoned car at Shibei Hospital, traffic police', kind: 'newCase', at: 'P023', cat: '21403', deps: ['TRAFFIC'] },
  { in: 'Food poisoning at Shanghai University Yanchang Campus, food and drug urgently', kind: 'newCase', at: 'P022', cat: '20704', deps: ['FOOD'], urgent: true },
  { in: 'Fight outside Tenth Hospital, police now', kind: 'newCase', at: 'P021', cat: '20903', deps: ['POLICE'], urgent: true },
  { in: 'Construction at night on Pingxingguan Road 100, urban management', kind: 'newCase', at: 'R18#100', cat: '20304', deps: ['CITYMGMT'] },
  { in: 'Gas leak at Yanchang Road Station exit 2, Sub-district Office and Police Station', kind: 'newCase', at: 'P008x2', cat: '20506', deps: ['SUB', 'POLICE'], by: ['name', 'name'] },
  { in: 'Burst pipe on Changzhong Road 2000, Housing Office', kind: 'newCase', at: 'R16#2000', cat: '20502', deps: ['HOUSING'], by: ['name'] },
  { in: 'Loudspeaker outside Daning International, Market Regulation Office', kind: 'newCase', at: 'P019', cat: '21105', deps: ['MARKET'], by: ['name'] },
  { in: 'Live poultry at Zhijiang W Rd market, Food and Drug Office', kind: 'newCase', at: 'P027', cat: '20709', deps: ['FOOD'], by: ['name'] },
  { in: 'Overflowing bin on Yonghe Road 600, Sanitation Company', kind: 'newCase', at: 'R22#600', cat: '20107', deps: ['SANITATION'], by: ['name'] },
  { in: 'Fallen tree at Circus World, Greening and City Appearance Office', kind: 'newCase', at: 'P018', cat: '10401', deps: ['GREENING'], by: ['name'] },
  { in: 'Two stalls on screen 11 at 4:19, city management now', kind: 'newCase', screen: 11, cat: '20415', count: 2, deps: ['CITYMGMT'], urgent: true },
  { in: "There's a gas smell at Hengfeng Road 300, police now", kind: 'newCase', at: 'R07#300', cat: '20506', deps: ['POLICE'], urgent: true },
  { in: "send the cops to Joy City, there's a fight", kind: 'newCase', at: 'P025', cat: '20903', deps: ['POLICE'], by: ['alias'] },
  { in: 'a guy selling fake goods outside Joy City, market office', kind: 'newCase', at: 'P025', cat: '20605', deps: ['MARKET'], by: ['alias'] },
  { in: 'Car crash at the junction of Gonghexin Road and Yanchang Road', kind: 'newCase', at: 'R01', cat: '21202' },
  { in: 'Rubbish at Changzhong Road 100, huanwei', kind: 'newCase', at: 'R16#100', cat: '20101', deps: ['SANITATION'], by: ['pinyin'] },
  { in: 'Someone is dumping rubbish at Qufu Road 100 again', kind: 'newCase', at: 'R26#100', cat: '20101' },
  { in: 'We have a traffic accident at Gonghexin Road 1200, send traffic police and police', kind: 'newCase', at: 'R01#1200', cat: '21202', deps: ['TRAFFIC', 'POLICE'] },
  { in: 'There are hawkers outside Joy City, can city management go', kind: 'newCase', at: 'P025', cat: '20401', deps: ['CITYMGMT'] },
  { in: 'Sinkhole on Linfen Road 800! Housing and traffic police now', kind: 'newCase', at: 'R17#800', cat: '20501', deps: ['HOUSING', 'TRAFFIC'], urgent: true },
  { in: 'Urgent: stalls at Guangfu Road 200, city management', kind: 'newCase', at: 'R06#200', cat: '20415', deps: ['CITYMGMT'], urgent: true },
  // Pinyin, pinyin initials and typos on a keyboard without an IME.
  { in: 'Graffiti at Gongkang Road Station exit 1, lvhua', kind: 'newCase', at: 'P012x1', cat: '20110', deps: ['GREENING'], by: ['pinyin'] },
  { in: 'Missing manhole cover at Wenxi Road 300, fangban', kind: 'newCase', at: 'R23#300', cat: '20505', deps: ['HOUSING'], by: ['pinyin'] },
  { in: 'Group rental on Jiaotong Road 900, paichusuo and fb', kind: 'newCase', at: 'R24#900', cat: '20801', deps: ['POLICE', 'HOUSING'], by: ['pinyin', 'alias'] },
  { in: 'Rough sleeper at Xizang North Road Station exit 1, jiedao', kind: 'newCase', at: 'P003x1', cat: '20414', deps: ['SUB'], by: ['pinyin'] },
  { in: 'Hawkers at Pengpu Xincun Station exit 2, shichangsuo', kind: 'newCase', at: 'P011x2', cat: '20401', deps: ['MARKET'], by: ['pinyin'] },
  { in: 'Expired food at Wenshui Road Station, shiyaojian', kind: 'newCase', at: 'P010', cat: '20703', deps: ['FOOD'], by: ['pinyin'] },
  { in: 'Stalls on Linfen Road 1500, chengguna', kind: 'newCase', at: 'R17#1500', cat: '20415', deps: ['CITYMGMT'], by: ['fuzzy'] },
  { in: 'Illegal parking at Shanghai Circus World Station exit 3, jiaojign', kind: 'newCase', at: 'P009x3', cat: '20404', deps: ['TRAFFIC'], by: ['fuzzy'] },
  { in: 'Flyers at Baoshan Road Station, huanwie', kind: 'newCase', at: 'P006', cat: '20201', deps: ['SANITATION'], by: ['fuzzy'] },
  { in: 'Banner at Qufu Road 200, jeidao and paichusou', kind: 'newCase', at: 'R26#200', cat: '20203', deps: ['SUB', 'POLICE'], by: ['fuzzy', 'fuzzy'] },
  { in: 'Trading outside the shop on Hutai Road 1500, shichnagsuo', kind: 'newCase', at: 'R19#1500', cat: '20402', deps: ['MARKET'], by: ['fuzzy'] },
  { in: 'Unlabelled snacks at Kangle Rd Primary School, shiyaojain', kind: 'newCase', at: 'P016', cat: '20707', deps: ['FOOD'], by: ['fuzzy'] },
  { in: 'Leaking building on Yonghe Road 300, fangbna', kind: 'newCase', at: 'R22#300', cat: '20803', deps: ['HOUSING'], by: ['fuzzy'] },
  { in: 'Fallen tree on Wenxi Road 500, lvhuashirnog', kind: 'newCase', at: 'R23#500', cat: '10401', deps: ['GREENING'], by: ['fuzzy'] },
  { in: 'Stalls at Qufu Road 100, jd and gs and sy', kind: 'newCase', at: 'R26#100', cat: '20415', deps: ['SUB', 'MARKET', 'FOOD'], by: ['alias', 'alias', 'alias'] },
  { in: 'Stalls at Qufu Road 100, scs and syj and lhsr and cgzd and jjzd', kind: 'newCase', at: 'R26#100', cat: '20415', deps: ['MARKET', 'FOOD', 'GREENING', 'CITYMGMT', 'TRAFFIC'], by: ['initials', 'initials', 'initials', 'initials', 'initials'] },
  // Honest, and never a guess.
  { in: 'Stalls selling pancakes at Guangfu Road 200', kind: 'newCase', at: 'R06#200', cat: '20415', unknown: ['pancakes'] },
  { in: 'Stalls on Tianmu Road 50', kind: 'newCase', cat: '20415', error: 'ambiguous', candidates: ['R04', 'R05'] },
  { in: 'hello world', kind: null, error: 'unrecognised', unknown: ['hello', 'world'] },
];

const terseEn: Row[] = [
  { in: 'dispatch this cg jj', kind: 'dispatch', ref: 'this', deps: ['CITYMGMT', 'TRAFFIC'] },
  { in: 'dispatch 20261127-0003 to city management', kind: 'dispatch', ref: '20261127-0003', deps: ['CITYMGMT'] },
  { in: 'send this to traffic police', kind: 'dispatch', ref: 'this', deps: ['TRAFFIC'] },
  { in: 'assign 202611270004 Housing', kind: 'dispatch', ref: '20261127-0004', deps: ['HOUSING'], by: ['shortName'] },
  { in: 'dispatch this to:cg,jj', kind: 'dispatch', ref: 'this', deps: ['CITYMGMT', 'TRAFFIC'] },
  { in: 'dispatch this to City Management Squad and Traffic Police Squad', kind: 'dispatch', ref: 'this', deps: ['CITYMGMT', 'TRAFFIC'], by: ['name', 'name'] },
  { in: 'ＤＩＳＰＡＴＣＨ　ｔｈｉｓ　ｃｇ', kind: 'dispatch', ref: 'this', deps: ['CITYMGMT'] },
  { in: 'dispatch this to the moon', kind: 'dispatch', ref: 'this', error: 'missingDepartment', unknown: ['moon'] },
  { in: 'assist this police', kind: 'assist', ref: 'this', deps: ['POLICE'] },
  { in: 'add helpers 20261127-0003 sanitation, greening', kind: 'assist', ref: '20261127-0003', deps: ['SANITATION', 'GREENING'] },
  { in: 'supervise this level 2', kind: 'supervise', ref: 'this', level: 2 },
  { in: 'sup 20261127-0003', kind: 'supervise', ref: '20261127-0003' },
  { in: 'return this not our duty', kind: 'return', ref: 'this', reason: 'not our duty' },
  { in: 'return 20261127-0003 reason: wrong address', kind: 'return', ref: '20261127-0003', reason: 'wrong address' },
  { in: 'return this because wrong address', kind: 'return', ref: 'this', reason: 'wrong address' },
  { in: 'return this', kind: 'return', ref: 'this', error: 'missingReason' },
  { in: 'merge this into 20261127-0003', kind: 'merge', ref: 'this', into: '20261127-0003' },
  { in: 'void this duplicate report', kind: 'void', ref: 'this', reason: 'duplicate report' },
  { in: 'void this', kind: 'void', ref: 'this', error: 'missingReason' },
  { in: 'cancel case 20261127-0004 reason: test entry', kind: 'void', ref: '20261127-0004', reason: 'test entry' },
  { in: 'close this', kind: 'close', ref: 'this' },
  { in: 'close case 20261127-0003', kind: 'close', ref: '20261127-0003' },
  { in: 'reopen 20261127-0003', kind: 'reopen', ref: '20261127-0003' },
  { in: 're-open this', kind: 'reopen', ref: 'this' },
  { in: 'mark urgent this', kind: 'urgent', ref: 'this' },
  { in: 'urgent 20261127-0003', kind: 'urgent', ref: '20261127-0003' },
  { in: 'screen 11 Guangfu Road', kind: 'screen', screen: 11, at: 'R06' },
  { in: 'screen １１ Ｇｕａｎｇｆｕ Ｒｏａｄ ２００', kind: 'screen', screen: 11, at: 'R06#200' },
  { in: 'scr 4 Qufu Road Station exit 2', kind: 'screen', screen: 4, at: 'P001x2' },
  { in: 'screen 11', kind: 'screen', screen: 11, error: 'missingCamera' },
  { in: 'layout 9', kind: 'layout', layout: 9 },
  { in: 'layout 4x4', kind: 'layout', layout: 16 },
  { in: 'layout 16 split', kind: 'layout', layout: 16 },
  { in: 'layout 7', kind: 'layout', layout: 7, error: 'badLayout' },
  { in: 'module emergency', kind: 'module', module: 'emergency' },
  { in: 'switch to key focus', kind: 'module', module: 'keyFocus' },
  { in: 'switch timeslot', kind: 'module', module: 'timeSlot' },
  { in: 'presentation on', kind: 'presentation', presentation: true },
  { in: 'presentation mode off', kind: 'presentation', presentation: false },
  { in: 'enter presentation mode', kind: 'presentation', presentation: true },
  { in: 'present', kind: 'presentation' },
  { in: 'undo', kind: 'undo' },
  { in: 'undo last', kind: 'undo' },
  { in: 'switch to 4x4', kind: 'layout', layout: 16 },
  { in: 'presentation mode on', kind: 'presentation', presentation: true },
  { in: 'new case cat:20404 Hengfeng Road 300', kind: 'newCase', at: 'R07#300', cat: '20404' },
];

const corpus = [...spokenZh.map((row) => ({ row, locale: 'zh-CN' as Locale })), ...terseZh.map((row) => ({ row, locale: 'zh-CN' as Locale })), ...spokenEn.map((row) => ({ row, locale: 'en' as Locale })), ...terseEn.map((row) => ({ row, locale: 'en' as Locale }))];

function caseRefText(ref: Parse['caseRef']): string | undefined {
  if (ref === null) return undefined;
  return ref.kind === 'selected' ? 'this' : ref.number;
}

function placeText(location: Parse['location']): string | undefined {
  if (location === null) return undefined;
  if (location.road) return location.houseNumber === null ? location.road.id : `${location.road.id}#${location.houseNumber}`;
  if (location.place) return location.exit === null ? location.place.id : `${location.place.id}x${location.exit}`;
  return location.gridId ?? '?';
}

describe('command corpus', () => {
  it('has at least 120 phrasings, about 70 Chinese and 50 English', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(120);
    expect(spokenZh.length + terseZh.length).toBeGreaterThanOrEqual(70);
    expect(spokenEn.length + terseEn.length).toBeGreaterThanOrEqual(50);
  });

  it('names every department by full name, short name, alias, pinyin, initials and with a typo', () => {
    const seen = new Map<string, Set<MatchReason>>();
    for (const { row, locale } of corpus) {
      for (const department of parseCommand(row.in, context, locale).departments) {
        seen.set(department.id, (seen.get(department.id) ?? new Set()).add(department.matchedBy));
      }
    }
    expect([...seen.keys()].sort()).toEqual(['CITYMGMT', 'FOOD', 'GREENING', 'HOUSING', 'MARKET', 'POLICE', 'SANITATION', 'SUB', 'TRAFFIC']);
    for (const [id, ways] of seen) {
      // Some short names are the full name (派出所, 房办): one of the two is enough for those.
      expect(ways.has('name') || ways.has('shortName'), id).toBe(true);
      expect(ways.has('alias'), id).toBe(true);
      expect(ways.has('fuzzy'), id).toBe(true);
      expect(ways.has('pinyin') || ways.has('initials'), id).toBe(true);
    }
  });

  it.each(corpus)('$row.in', ({ row, locale }) => {
    const parse = parseCommand(row.in, context, locale);
    expect(parse.kind).toBe(row.kind);
    expect(parse.error?.code ?? null).toBe(row.error ?? null);
    if (parse.error === null) expect(parse.kind).not.toBeNull();
    expect(caseRefText(parse.caseRef)).toBe(row.ref);
    expect(caseRefText(parse.targetCaseRef)).toBe(row.into);
    expect(parse.departments.map((department) => department.id)).toEqual(row.deps ?? []);
    if (row.by) expect(parse.departments.map((department) => department.matchedBy)).toEqual(row.by);
    expect(parse.category?.code).toBe(row.cat);
    expect(placeText(parse.location)).toBe(row.at);
    if (parse.location && (parse.location.houseNumber !== null || parse.location.place || /^G/.test(row.at ?? ''))) {
      // Located to a point (or named as a grid): the grid is known.
      expect(parse.location.gridId).toMatch(/^G\d\d$/);
      if (/^G/.test(row.at!)) expect(parse.location.gridId).toBe(row.at);
    }
    expect(parse.count).toBe(row.count ?? null);
    expect(parse.urgency).toBe(row.urgent ? 'urgent' : 'normal');
    expect(parse.unknownWords).toEqual(row.unknown ?? []);
    if (row.candidates) expect(parse.ambiguities.flatMap((item) => item.candidates.map((candidate) => candidate.id))).toEqual(row.candidates);
    else expect(parse.ambiguities).toEqual([]);
    if (row.error === 'ambiguous') expect(parse.ambiguities.some((item) => item.chosen === null)).toBe(true);
    expect(parse.reason).toBe(row.reason ?? null);
    expect(parse.level).toBe(row.level ?? null);
    expect(parse.screen).toBe(row.screen ?? null);
    expect(parse.layout).toBe(row.layout ?? null);
    expect(parse.module).toBe(row.module ?? null);
    expect(parse.presentation).toBe(row.presentation ?? null);
  });
});

describe('read-back', () => {
  const say = (input: string, locale: Locale) => readBack(parseCommand(input, context, locale), locale === 'en' ? en : zh, { locale });

  it.each([
    ['光复路200号门口3个摊头占道，城管速去', 'zh-CN', ['新案件', '光复路200号', '乱设摊', '3 处', '城管中队', '紧急']],
    ['3 street vendors outside Qufu Rd Station exit 2, city management now', 'en', ['New case', 'Qufu Rd Station exit 2', 'Unlicensed street vending', '3 found', 'City Management Squad', 'urgent']],
    ['曲阜路站二号口有摊头', 'zh-CN', ['曲阜路站二号口', '乱设摊']],
    ['派 this 城管 交警', 'zh-CN', ['派遣', '当前选中案件', '派给 城管中队', '协办 交警中队']],
    ['dispatch this cg jj', 'en', ['Dispatch', 'the selected case', 'to City Management Squad', 'helpers Traffic Police Squad']],
    ['退回 this 不属于本单位职责', 'zh-CN', ['退回', '原因：不属于本单位职责']],
    ['merge this into 20261127-0003', 'en', ['Merge', 'the selected case', 'into case 20261127-0003']],
    ['屏11 光复路', 'zh-CN', ['11 号屏', '光复路']],
    ['screen 11 Guangfu Road', 'en', ['screen 11', 'Guangfu Road']],
    ['04:19 屏11 两个摊头，城管速去', 'zh-CN', ['11 号屏', '乱设摊', '2 处']],
    ['天目路50号违停', 'zh-CN', ['有歧义', '天目西路', '天目中路']],
    ['Stalls on Tianmu Road 50', 'en', ['Ambiguous', 'Tianmu West Road', 'Tianmu Middle Road']],
    ['光复路200号门口有人摆摊卖煎饼', 'zh-CN', ['未识别：煎饼']],
    ['布局 7', 'zh-CN', ['1/4/6/9/16/25']],
    ['void this', 'en', ['Give a reason']],
  ] as const)('%s', (input, locale, facts) => {
    const line = say(input, locale);
    for (const fact of facts) expect(line).toContain(fact);
  });
});
