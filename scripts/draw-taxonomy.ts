/**
 * Writes the demo case taxonomy into resources/demo/categories.json.
 *
 *   npx tsx scripts/draw-taxonomy.ts
 *
 * 20 major / 187 minor categories in the style of the national
 * digital-urban-management standards (CJ/T 214-2007, GB/T 30428.2):
 * component (部件) majors 101–106 follow the standard's order; event (事件)
 * majors 201–205 follow the room's first cut and 206–214 are this room's own.
 * A code is the type digit (1 component / 2 event) + 2-digit major + 2-digit
 * minor; minors are numbered in the order they are listed below, so add new
 * ones at the end of their major and never reorder: cases store the code.
 * The output is deterministic and sorted by code.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Category } from '../shared/domain/organisation';

const outputFile = fileURLToPath(new URL('../resources/demo/categories.json', import.meta.url));

type Dept = 'SUB' | 'POLICE' | 'CITYMGMT' | 'TRAFFIC' | 'MARKET' | 'FOOD' | 'HOUSING' | 'GREENING' | 'SANITATION';
/** A limit such as '4h' (working hours) or '15d' (working days). */
type Limit = `${number}${'h' | 'd'}`;
/** zh, en, lead department, time limit, urgent by default. */
type Minor = [zh: string, en: string, lead: Dept, limit: Limit, urgent?: boolean];
interface Major {
  code: string;
  zh: string;
  en: string;
  minors: Minor[];
}

const U = true;

const majors: Major[] = [
  // -------------------------------------------------------------------------
  // Components (部件)
  // -------------------------------------------------------------------------
  {
    code: '101',
    zh: '公用设施',
    en: 'Public facilities',
    minors: [
      ['上水井盖破损', 'Water manhole cover broken', 'HOUSING', '4h', U],
      ['消防栓损坏', 'Fire hydrant damaged', 'POLICE', '1d'],
      ['路灯不亮', 'Street light out', 'GREENING', '2d'],
      ['污水井盖破损', 'Sewer manhole cover broken', 'HOUSING', '4h', U],
      ['雨水井盖破损', 'Storm-drain manhole cover broken', 'HOUSING', '4h', U],
      ['雨水箅子缺损', 'Gully grate missing or broken', 'HOUSING', '4h', U],
      ['电力井盖破损', 'Power-cable manhole cover broken', 'SUB', '4h', U],
      ['通信井盖松动异响', 'Telecom manhole cover loose and clanking', 'SUB', '1d'],
      ['路灯杆倾斜破损', 'Lamp post leaning or damaged', 'GREENING', '1d'],
      ['景观灯损坏', 'Decorative lighting broken', 'GREENING', '3d'],
      ['电力箱门敞开', 'Electrical cabinet left open', 'SUB', '4h', U],
    ],
  },
  {
    code: '102',
    zh: '道路交通',
    en: 'Road traffic',
    minors: [
      ['信号灯故障', 'Traffic light fault', 'TRAFFIC', '4h', U],
      ['护栏损坏', 'Guard rail damaged', 'TRAFFIC', '2d'],
      ['交通标志牌损坏', 'Traffic sign damaged', 'TRAFFIC', '3d'],
      ['道路标线不清', 'Road markings worn away', 'TRAFFIC', '10d'],
      ['隔离墩缺损', 'Traffic bollard missing or broken', 'TRAFFIC', '2d'],
      ['公交候车亭破损', 'Bus shelter damaged', 'TRAFFIC', '3d'],
      ['人行道板松动破损', 'Paving slabs loose or broken', 'SUB', '3d'],
      ['盲道破损', 'Tactile paving damaged', 'SUB', '5d'],
      ['道路破损坑洼', 'Potholed road surface', 'SUB', '2d'],
      ['减速带损坏', 'Speed bump damaged', 'TRAFFIC', '3d'],
    ],
  },
  {
    code: '103',
    zh: '市容环境设施',
    en: 'Sanitation facilities',
    minors: [
      ['垃圾箱破损', 'Litter bin broken', 'SANITATION', '2d'],
      ['公厕设施损坏', 'Public toilet damaged', 'SANITATION', '1d'],
      ['垃圾箱房破损', 'Refuse room damaged', 'SANITATION', '3d'],
      ['分类垃圾桶缺损', 'Sorting bins missing or broken', 'SANITATION', '2d'],
      ['公厕未按时开放', 'Public toilet closed in opening hours', 'SANITATION', '4h'],
      ['小压站设施故障', 'Refuse compactor station out of order', 'SANITATION', '1d'],
      ['化粪池盖板破损', 'Septic tank cover broken', 'HOUSING', '4h', U],
      ['果壳箱缺失', 'Litter bin missing', 'SANITATION', '3d'],
    ],
  },
  {
    code: '104',
    zh: '园林绿化',
    en: 'Greening',
    minors: [
      ['行道树倒伏', 'Fallen street tree', 'GREENING', '4h', U],
      ['绿地破损', 'Damaged green space', 'GREENING', '5d'],
      ['行道树枯死缺株', 'Street tree dead or missing', 'GREENING', '10d'],
      ['树枝遮挡信号灯路牌', 'Branches hiding traffic lights or signs', 'GREENING', '2d'],
      ['树穴盖板缺损', 'Tree-pit grate missing or broken', 'GREENING', '3d'],
      ['绿化护栏损坏', 'Planting fence damaged', 'GREENING', '3d'],
      ['花坛花箱破损', 'Flower bed or planter damaged', 'GREENING', '3d'],
    ],
  },
  {
    code: '105',
    zh: '房屋土地',
    en: 'Buildings and land',
    minors: [
      ['外墙饰面脱落', 'Facade cladding coming loose', 'HOUSING', '8h', U],
      ['空调外机支架锈蚀', 'Rusted air-conditioner bracket', 'HOUSING', '3d'],
      ['危险房屋', 'Dangerous building', 'HOUSING', '1d', U],
      ['空置房屋门窗破损', 'Empty building left open', 'SUB', '5d'],
      ['闲置地块围墙破损', 'Fence of a vacant plot broken', 'SUB', '5d'],
      ['小区围墙破损', 'Estate boundary wall damaged', 'HOUSING', '5d'],
    ],
  },
  {
    code: '106',
    zh: '其他设施',
    en: 'Other facilities',
    minors: [
      ['监控探头损坏', 'CCTV camera broken', 'POLICE', '3d'],
      ['非机动车停放架损坏', 'Bicycle rack damaged', 'TRAFFIC', '3d'],
      ['公共座椅损坏', 'Public bench damaged', 'GREENING', '3d'],
      ['健身器材损坏', 'Outdoor fitness equipment damaged', 'SUB', '3d'],
      ['宣传栏破损', 'Notice board damaged', 'SUB', '5d'],
      ['电动自行车充电桩故障', 'E-bike charging point out of order', 'SUB', '3d'],
      ['门弄牌路名牌缺损', 'House number or street name sign missing', 'SUB', '5d'],
    ],
  },
  // -------------------------------------------------------------------------
  // Events (事件)
  // -------------------------------------------------------------------------
  {
    code: '201',
    zh: '市容环境',
    en: 'City appearance',
    minors: [
      ['暴露垃圾', 'Exposed rubbish', 'SANITATION', '4h'],
      ['积存垃圾渣土', 'Muck piles', 'SANITATION', '2d'],
      ['道路不洁', 'Road not clean', 'SANITATION', '2h'],
      ['绿地脏乱', 'Green space littered', 'GREENING', '5d'],
      ['违法建设', 'Illegal construction', 'CITYMGMT', '15d'],
      ['建筑垃圾乱倒', 'Construction waste dumped', 'CITYMGMT', '4h'],
      ['垃圾满溢', 'Overflowing bins', 'SANITATION', '2h'],
      ['大件垃圾乱堆', 'Bulky waste dumped', 'SANITATION', '1d'],
      ['沿街晾晒', 'Laundry hung out on the street front', 'CITYMGMT', '1d'],
      ['乱涂写乱刻画', 'Graffiti', 'CITYMGMT', '2d'],
      ['动物尸体', 'Dead animal', 'SANITATION', '2h'],
      ['泔水乱倒', 'Kitchen swill dumped', 'SANITATION', '4h'],
      ['公厕保洁不到位', 'Public toilet dirty', 'SANITATION', '4h'],
      ['垃圾分类不规范', 'Rubbish not sorted', 'SANITATION', '2d'],
    ],
  },
  {
    code: '202',
    zh: '宣传广告',
    en: 'Advertising',
    minors: [
      ['非法小广告', 'Illegal small ads', 'CITYMGMT', '1d'],
      ['违规户外广告', 'Unauthorised outdoor ad', 'GREENING', '5d'],
      ['违规横幅', 'Unauthorised banner', 'CITYMGMT', '1d'],
      ['店招店牌破损', 'Shop sign damaged', 'GREENING', '3d'],
      ['街头散发小广告', 'Flyers handed out in the street', 'CITYMGMT', '4h'],
      ['广告牌松动倾斜', 'Billboard loose or leaning', 'GREENING', '4h', U],
      ['流动广告车', 'Mobile advertising vehicle', 'CITYMGMT', '4h'],
      ['灯箱广告破损', 'Light-box ad damaged', 'GREENING', '3d'],
    ],
  },
  {
    code: '203',
    zh: '施工管理',
    en: 'Construction',
    minors: [
      ['施工扰民', 'Construction noise', 'CITYMGMT', '1d'],
      ['施工占道', 'Construction blocking road', 'TRAFFIC', '2d'],
      ['工地扬尘', 'Construction dust', 'CITYMGMT', '1d'],
      ['夜间施工噪声', 'Night-time construction noise', 'CITYMGMT', '2h'],
      ['渣土撒落', 'Muck spilt from lorries', 'CITYMGMT', '4h'],
      ['施工围挡破损', 'Site hoarding damaged', 'CITYMGMT', '1d'],
      ['工地车辆带泥上路', 'Site vehicles tracking mud onto the road', 'CITYMGMT', '4h'],
      ['施工废水乱排', 'Site wastewater run onto the road', 'CITYMGMT', '1d'],
      ['道路开挖未恢复', 'Dug-up road not reinstated', 'SUB', '3d'],
      ['装修噪声扰民', 'Home renovation noise', 'HOUSING', '1d'],
    ],
  },
  {
    code: '204',
    zh: '街面秩序',
    en: 'Street order',
    minors: [
      ['无照经营游商', 'Unlicensed street vending', 'CITYMGMT', '2h'],
      ['跨门营业', 'Trading outside the shop', 'CITYMGMT', '4h'],
      ['占道堆物', 'Goods stacked on the road', 'CITYMGMT', '4h'],
      ['机动车乱停放', 'Illegal parking', 'TRAFFIC', '2h'],
      ['非机动车乱停放', 'Bicycles parked in the way', 'CITYMGMT', '4h'],
      ['非法客运', 'Illegal taxi', 'TRAFFIC', '1d'],
      ['乞讨卖艺', 'Begging and busking', 'POLICE', '4h'],
      ['夜间噪声扰民', 'Night-time noise', 'POLICE', '2h'],
      ['占道洗车修车', 'Car washing or repair on the pavement', 'CITYMGMT', '4h'],
      ['露天烧烤', 'Open-air barbecue', 'CITYMGMT', '2h'],
      ['占道废品收购', 'Scrap collection on the pavement', 'CITYMGMT', '4h'],
      ['私设地桩地锁', 'Private parking posts or locks', 'CITYMGMT', '1d'],
      ['早市鬼市', 'Dawn “ghost market”', 'CITYMGMT', '2h'],
      ['流浪乞讨人员露宿', 'Rough sleeper', 'SUB', '4h'],
      ['乱设摊', 'Unauthorised street stall', 'CITYMGMT', '2h'],
    ],
  },
  {
    code: '205',
    zh: '突发事件',
    en: 'Emergencies',
    minors: [
      ['道路塌陷', 'Road collapse', 'SUB', '2h', U],
      ['自来水管爆裂', 'Burst water pipe', 'HOUSING', '4h', U],
      ['道路积水', 'Flooded road', 'SANITATION', '4h', U],
      ['火灾隐患', 'Fire hazard', 'POLICE', '2h', U],
      ['井盖缺失', 'Missing manhole cover', 'HOUSING', '2h', U],
      ['燃气泄漏', 'Gas leak or smell of gas', 'SUB', '1h', U],
      ['电线断落', 'Power line down', 'SUB', '1h', U],
      ['高空坠物隐患', 'Objects about to fall from height', 'HOUSING', '2h', U],
      ['污水冒溢', 'Sewage overflowing', 'HOUSING', '4h', U],
      ['路面结冰', 'Icy road', 'SANITATION', '2h', U],
      ['电梯困人', 'Person trapped in a lift', 'HOUSING', '1h', U],
    ],
  },
  {
    code: '206',
    zh: '市场监管',
    en: 'Market regulation',
    minors: [
      ['无证照经营', 'Trading without licence', 'MARKET', '5d'],
      ['价格欺诈', 'Price fraud', 'MARKET', '5d'],
      ['虚假宣传', 'False advertising', 'MARKET', '5d'],
      ['缺斤短两', 'Short weight', 'MARKET', '2d'],
      ['假冒伪劣商品', 'Counterfeit or substandard goods', 'MARKET', '5d'],
      ['未明码标价', 'Prices not displayed', 'MARKET', '3d'],
      ['预付卡商家跑路', 'Prepaid-card shop closed with customers’ money', 'MARKET', '5d'],
      ['非法销售烟花爆竹', 'Illegal sale of fireworks', 'POLICE', '1d'],
      ['销售非标电动自行车', 'Non-compliant e-bikes or batteries on sale', 'MARKET', '5d'],
    ],
  },
  {
    code: '207',
    zh: '食品安全',
    en: 'Food safety',
    minors: [
      ['无证餐饮', 'Unlicensed food stall', 'FOOD', '5d'],
      ['食品卫生问题', 'Food hygiene', 'FOOD', '3d'],
      ['过期食品', 'Expired food on sale', 'FOOD', '1d'],
      ['疑似食物中毒', 'Suspected food poisoning', 'FOOD', '2h', U],
      ['疑似地沟油', 'Suspected gutter oil', 'FOOD', '1d'],
      ['从业人员无健康证', 'Food handlers without health certificate', 'FOOD', '3d'],
      ['校园周边三无食品', 'Unlabelled snacks sold near a school', 'FOOD', '2d'],
      ['网络订餐无证作坊', 'Unlicensed delivery-only kitchen', 'FOOD', '5d'],
      ['违规活禽交易宰杀', 'Illegal live-poultry sale or slaughter', 'FOOD', '1d'],
    ],
  },
  {
    code: '208',
    zh: '房屋管理',
    en: 'Housing',
    minors: [
      ['群租', 'Group renting', 'HOUSING', '15d'],
      ['违规装修', 'Illegal renovation', 'HOUSING', '5d'],
      ['房屋漏水', 'Leaking building', 'HOUSING', '5d'],
      ['电动自行车楼道充电', 'E-bike charging in the stairwell', 'POLICE', '4h'],
      ['居改非', 'Flat turned into shop or office', 'HOUSING', '10d'],
      ['擅自拆改承重结构', 'Load-bearing structure altered', 'HOUSING', '1d', U],
      ['楼道灯损坏', 'Stairwell light out', 'HOUSING', '2d'],
      ['二次供水水质问题', 'Dirty water from the building tank', 'HOUSING', '1d'],
      ['电梯故障', 'Lift out of order', 'HOUSING', '1d'],
      ['出租房屋未登记', 'Rented flat not registered', 'POLICE', '5d'],
    ],
  },
  {
    code: '209',
    zh: '社区管理',
    en: 'Community management',
    minors: [
      ['宠物扰民', 'Pets disturbing neighbours', 'POLICE', '2d'],
      ['楼道堆物', 'Stairwell blocked', 'HOUSING', '2d'],
      ['邻里纠纷', 'Neighbour dispute', 'SUB', '3d'],
      ['高空抛物', 'Objects thrown from windows', 'POLICE', '1d'],
      ['广场舞扰民', 'Square-dancing noise', 'SUB', '1d'],
      ['小区车辆乱停', 'Cars parked anyhow in the estate', 'HOUSING', '2d'],
      ['毁绿种菜', 'Vegetables grown on communal green', 'GREENING', '5d'],
      ['独居老人求助', 'Elderly person living alone needs help', 'SUB', '4h'],
      ['遛狗不牵绳', 'Dog walked off the lead', 'POLICE', '1d'],
      ['小区公共设施损坏', 'Estate shared facilities damaged', 'HOUSING', '5d'],
      ['飞线充电', 'Charging cable hung from a window', 'POLICE', '4h'],
    ],
  },
  {
    code: '210',
    zh: '设施管理',
    en: 'Facilities',
    minors: [
      ['架空线缆垂落', 'Overhead cables sagging', 'SUB', '1d'],
      ['路灯白天常亮', 'Street lights on in daytime', 'GREENING', '2d'],
      ['雨水口堵塞', 'Blocked gully', 'SANITATION', '1d'],
      ['公共设施被占用', 'Public facility taken over for private use', 'CITYMGMT', '2d'],
      ['窨井异味', 'Smelly drain', 'SANITATION', '2d'],
      ['消防器材缺失失效', 'Fire extinguishers missing or expired', 'POLICE', '2d'],
      ['公共设施被盗', 'Public fittings stolen', 'POLICE', '1d'],
      ['废弃设施未拆除', 'Disused fittings left standing', 'SUB', '10d'],
    ],
  },
  {
    code: '211',
    zh: '环境保护',
    en: 'Environment',
    minors: [
      ['油烟扰民', 'Cooking fumes', 'CITYMGMT', '3d'],
      ['露天焚烧', 'Open burning', 'CITYMGMT', '2h'],
      ['污水直排河道', 'Sewage discharged into a river', 'CITYMGMT', '2d'],
      ['河道漂浮物', 'Rubbish floating in a river', 'SANITATION', '1d'],
      ['商业促销噪声', 'Loudspeaker noise from shops', 'CITYMGMT', '4h'],
      ['娱乐场所噪声', 'Noise from entertainment venues', 'POLICE', '4h'],
      ['异味废气扰民', 'Foul smell or fumes from a workshop', 'CITYMGMT', '2d'],
      ['违规燃放烟花爆竹', 'Fireworks set off in a banned area', 'POLICE', '2h'],
    ],
  },
  {
    code: '212',
    zh: '应急联动',
    en: 'Emergency linkage',
    minors: [
      ['火情', 'Fire', 'POLICE', '1h', U],
      ['交通事故', 'Traffic accident', 'TRAFFIC', '1h', U],
      ['人员倒地急病', 'Person collapsed or taken ill', 'POLICE', '1h', U],
      ['走失老人儿童', 'Missing elderly person or child', 'POLICE', '1h', U],
      ['人员聚集', 'Crowd gathering', 'POLICE', '1h', U],
      ['防汛防台隐患', 'Storm and flood risk', 'SUB', '4h', U],
      ['危险化学品泄漏', 'Hazardous chemical spill', 'POLICE', '1h', U],
      ['大面积停水停电', 'Widespread water or power cut', 'SUB', '2h', U],
    ],
  },
  {
    code: '213',
    zh: '违法建筑',
    en: 'Illegal construction',
    minors: [
      ['违法搭建', 'Unauthorised structure', 'CITYMGMT', '15d'],
      ['屋顶违法加层', 'Illegal extra storey on a roof', 'CITYMGMT', '20d'],
      ['占用绿地搭建', 'Structure built on green space', 'CITYMGMT', '15d'],
      ['沿街破墙开店', 'Wall knocked through for a shopfront', 'CITYMGMT', '10d'],
      ['擅自外挑阳台', 'Balcony built out without permission', 'CITYMGMT', '15d'],
      ['在建违法建筑', 'Illegal building under way', 'CITYMGMT', '4h'],
      ['私挖地下室', 'Basement dug out without permission', 'HOUSING', '2d', U],
      ['违规搭建彩钢板房', 'Illegal steel-sheet shed', 'CITYMGMT', '10d'],
    ],
  },
  {
    code: '214',
    zh: '交通秩序',
    en: 'Traffic order',
    minors: [
      ['交通拥堵', 'Traffic jam', 'TRAFFIC', '1h'],
      ['机动车占用消防通道', 'Fire lane blocked by a vehicle', 'TRAFFIC', '2h'],
      ['僵尸车', 'Abandoned vehicle', 'TRAFFIC', '5d'],
      ['共享单车堆积', 'Heaps of shared bikes', 'CITYMGMT', '4h'],
      ['电动自行车逆行闯灯', 'E-bikes riding against traffic or through red lights', 'TRAFFIC', '1d'],
      ['货车违规通行', 'Lorries in restricted hours or streets', 'TRAFFIC', '1d'],
      ['校门口交通拥堵', 'Congestion at a school gate', 'TRAFFIC', '4h'],
      ['占用公交站停车', 'Parking at a bus stop', 'TRAFFIC', '2h'],
      ['机动车占用非机动车道', 'Cars blocking the cycle lane', 'TRAFFIC', '2h'],
    ],
  },
];

function timeLimit(limit: Limit): Category['timeLimit'] {
  const value = Number(limit.slice(0, -1));
  return { value, unit: limit.endsWith('h') ? 'workingHours' : 'workingDays' };
}

const categories: Category[] = majors
  .flatMap((major) =>
    major.minors.map(([zh, en, lead, limit, urgent], index): Category => ({
      code: `${major.code}${String(index + 1).padStart(2, '0')}`,
      type: major.code.startsWith('1') ? 'component' : 'event',
      majorCode: major.code,
      majorName: { zh: major.zh, en: major.en },
      name: { zh, en },
      leadDepartmentId: lead,
      timeLimit: timeLimit(limit),
      urgentByDefault: urgent ?? false,
    })),
  )
  .sort((a, b) => a.code.localeCompare(b.code));

writeFileSync(outputFile, JSON.stringify(categories, null, 2));
console.log(`${categories.length} minor categories in ${majors.length} majors → ${outputFile}`);
