/**
 * The words of the command language (docs/COMMANDS.md is the reader's
 * version). A terse command starts with its verb; anything else is read as
 * a spoken-style description of a new incident.
 */
export const commandKinds = [
  'newCase',
  'dispatch',
  'assist',
  'supervise',
  'return',
  'merge',
  'void',
  'close',
  'reopen',
  'urgent',
  'screen',
  'layout',
  'module',
  'presentation',
  'undo',
] as const;
export type CommandKind = (typeof commandKinds)[number];

/**
 * Verbs in Chinese, English and pinyin (full or initials, for a keyboard
 * without an IME: "db 35" is 督办 35). A Chinese verb may run straight into
 * its argument ("派城管", "屏11"); Latin ones stand as whole words.
 */
export const verbs: { kind: CommandKind; zh: string[]; en: string[]; pinyin?: string[] }[] = [
  { kind: 'newCase', zh: ['新建案件', '新案件', '新建', '上报'], en: ['new case', 'new', 'report'] },
  { kind: 'dispatch', zh: ['派单', '派遣', '派给', '派到', '交给', '转给', '分派', '派'], en: ['dispatch', 'send', 'assign'], pinyin: ['paidan', 'paiqian', 'pai', 'pd', 'pq'] },
  { kind: 'assist', zh: ['加协办', '协办', '加派', '增派', '协助'], en: ['assist', 'add helpers', 'add helper', 'helpers', 'help'], pinyin: ['xieban', 'jiapai', 'xb', 'jp'] },
  { kind: 'supervise', zh: ['督办', '催办'], en: ['supervise', 'sup'], pinyin: ['duban', 'cuiban', 'db'] },
  { kind: 'return', zh: ['退回', '退单'], en: ['return'], pinyin: ['tuihui', 'th'] },
  { kind: 'merge', zh: ['合并', '并入', '归并'], en: ['merge'], pinyin: ['hebing', 'hb'] },
  { kind: 'void', zh: ['作废', '无效'], en: ['void', 'cancel case'], pinyin: ['zuofei', 'zf'] },
  { kind: 'close', zh: ['结案', '办结'], en: ['close'], pinyin: ['jiean', 'banjie', 'ja'] },
  { kind: 'reopen', zh: ['重新打开', '重开', '重启'], en: ['reopen', 're-open'], pinyin: ['chongkai', 'ck'] },
  { kind: 'urgent', zh: ['加急', '设为紧急', '标记紧急'], en: ['mark urgent', 'urgent'], pinyin: ['jiaji'] },
  { kind: 'screen', zh: ['屏幕', '大屏', '屏'], en: ['screen', 'scr'] },
  { kind: 'layout', zh: ['布局', '分屏'], en: ['layout'] },
  { kind: 'module', zh: ['切换到', '切换', '切到', '模块'], en: ['module', 'switch to', 'switch'] },
  { kind: 'presentation', zh: ['演示模式', '演示', '汇报模式'], en: ['presentation', 'present'] },
  { kind: 'undo', zh: ['撤销', '撤回', '撤消'], en: ['undo'] },
];

/** The commands that act on one existing case (a merge on two). */
export const caseKinds: readonly CommandKind[] = ['dispatch', 'assist', 'supervise', 'return', 'merge', 'void', 'close', 'reopen', 'urgent'];

/** Nouns for a case around its serial: "案件17", "17号案件", "case 42", "工单 0017". */
export const caseNouns = { zh: ['案件', '案子', '案卷', '工单', '单子'], en: ['case', 'ticket'] };

/** Ways to say "the case I have selected". */
export const selectedCaseWords = { zh: ['这个案件', '这件', '这个', '本案', '此案', '该案', '当前'], en: ['this case', 'this', 'current', 'selected'] };

export const urgencyWords = {
  zh: [
    '立即', '马上', '立刻', '立马', '即刻', '紧急', '特急', '速去', '速到', '速来', '速派', '火速', '迅速', '快速', '赶紧', '赶快', '尽快', '尽早', '快去', '快点', '快来', '要快',
    '抓紧', '加急', '十万火急', '刻不容缓', '第一时间', '越快越好', '别耽误', '等不了',
    // Danger said in words raises it too: "有危险", "砸到学生".
    '有危险', '很危险', '太危险', '危险', '危及', '威胁到', '有安全隐患', '出人命', '会伤人', '伤到人', '砸到人', '砸伤',
  ],
  en: ['urgently', 'urgent', 'immediately', 'right now', 'right away', 'straight away', 'at once', 'asap', 'now', 'quickly', 'hurry', 'dangerous', 'danger'],
};

export const videoModules = {
  timeSlot: { zh: ['时段视频', '时段'], en: ['time-slot', 'timeslot', 'slot', 'time slot'] },
  keyFocus: { zh: ['重点视频', '重点'], en: ['key-focus', 'focus', 'key focus'] },
  emergency: { zh: ['应急视频', '应急'], en: ['emergency'] },
} as const;
export type VideoModule = keyof typeof videoModules;

export const presentationSwitch = {
  on: { zh: ['开启', '进入', '打开', '开'], en: ['on', 'enter', 'start'] },
  off: { zh: ['关闭', '退出', '结束', '关'], en: ['off', 'exit', 'leave', 'stop', 'end'] },
};

export const wallLayouts = [1, 4, 6, 9, 16, 25] as const;
/** Chinese layout names people say: "九宫格", "四画面". */
export const layoutWords: Record<string, number> = { 单画面: 1, 全屏: 1, 四画面: 4, 四宫格: 4, 六画面: 6, 九画面: 9, 九宫格: 9, 十六画面: 16, 十六宫格: 16, 二十五画面: 25 };

/** A department said as its people: "城管队员", "联勤人员", "派出所民警", "环卫师傅". */
export const personSuffixes = ['执法队员', '执法人员', '工作人员', '值班人员', '巡逻队员', '队员', '人员', '民警', '警官', '同志', '师傅', '阿姨', '员', '们', '的人'];

/**
 * What a place the gazetteer does not know ends with: "某某中学", "阳光小区".
 * The name before it is kept as said; a bare "小区" is a place too.
 */
export const landmarkSuffixes = [
  '幼儿园', '小学', '中学', '学校', '大学', '医院', '卫生服务中心', '社区医院', '菜市场', '菜场', '农贸市场', '市场', '超市', '商场', '购物中心', '广场', '大厦', '大楼', '写字楼',
  '小区', '新村', '花园', '公寓', '苑', '里弄', '酒店', '宾馆', '饭店', '餐馆', '饭馆', '餐厅', '面馆', '银行', '加油站', '工地', '公园', '绿地', '体育馆', '图书馆', '养老院', '敬老院', '停车场', '车库',
];
/** Words that end a landmark's name early: "有个小区" names no estate. */
export const landmarkStops = ['的', '在', '有', '个', '了', '和', '与', '是', '到', '去', '这', '那', '所', '家', '座', '从', '往', '向', '对', '把', '给', '被', '说'];

/** How an intersection is said: "中山北路共和新路口", "X路与Y路交叉口", "X路近Y路", "junction of A and B". */
export const crossingWords = {
  junction: ['十字路口', '交叉路口', '交叉口', '交界处', '交汇处', '路口', '口', 'junction', 'crossing', 'intersection', 'corner', 'crossroads'],
  joiners: ['与', '和', '跟', '、', '/', '&', 'and', 'at'],
  near: ['靠近', '近旁', '临近', '近'],
  nearEn: ['near'],
  openingEn: ['junction of', 'corner of', 'intersection of', 'crossing of', 'crossroads of'],
};

/**
 * Service numbers people call or cite ("市民打12345", "叫120"): a number, but
 * not a case or a count. 110 is left out: a room names its police by it.
 */
export const serviceNumbers = ['12345', '12319', '962777', '120', '119'];

/** English things that are counted: "two vans", "3 stalls" (a problem word said next counts too). */
export const countableNouns = [
  'stalls', 'stall', 'stands', 'vendors', 'vendor', 'hawkers', 'hawker', 'vans', 'van', 'cars', 'car', 'trucks', 'truck', 'lorries', 'lorry', 'vehicles', 'taxis', 'cabs',
  'bikes', 'bicycles', 'scooters', 'people', 'persons', 'men', 'women', 'kids', 'children', 'piles', 'bags', 'boxes', 'signs', 'posters', 'flyers', 'banners', 'trees',
  'dogs', 'shops', 'sheds', 'tents', 'street', 'shared', 'illegally', 'parked',
];

/** Words that join a sentence together and carry no fact of their own. */
export const fillerWords = {
  zh: [
    '的', '在', '有', '了', '和', '与', '及', '跟', '同', '还有', '另外', '此外', '同时', '以及', '并', '又', '都', '把', '给', '让', '叫', '请', '去', '到', '至', '来', '派',
    '门口', '附近', '旁边', '对面', '边上', '路口', '那边', '这边', '一带', '周边', '前面', '后面', '里面', '外面', '下面', '底下', '上面', '那里', '这里', '那儿', '这儿', '处', '街上', '上', '切',
    '发现', '出现', '有人', '现场', '情况', '问题', '一下', '一起', '联合', '处理', '清理', '处置', '查处', '整治', '取缔', '劝离', '劝导', '劝阻', '劝', '核查', '看看', '看一下',
    '疏导', '拆除', '拆', '清走', '拖走', '制止', '管一管', '管管', '扰民', '太吵', '很吵', '很大', '太大', '乱倒', '偷倒', '看下', '没人管', '没人清', '没人处理', '怎么回事',
    '过去', '赶到', '到场', '派人', '安排', '通知', '要求', '负责', '配合', '协助', '主办', '协办', '牵头', '立案', '好几天', '几天', '好几', '几', '个', '辆', '名', '堆', '家', '条', '号口', '出口',
    '堵住', '占了', '占着', '挡住', '影响', '通行', '行人', '居民', '反映', '投诉', '举报', '接到', '报告', '上报', '来电', '打电话', '打', '说', '网格员', '巡查员', '协管员', '志愿者', '视频', '巡查', '巡逻', '已经', '目前', '正在', '一直', '很多', '好多', '大量', '严重',
    '过来', '清一下', '清掉', '清理掉', '主任', '领导', '太多', '视频里', '画面里', '监控里', '镜头里', '看到', '报上来', '报来', '居委会', '居委', '出', '注意', '那个', '这个', '这些', '那些', '这家', '那家', '人',
    '出动', '开了', '差点', '发生', '学生', '孩子', '安全', '停在', '停着', '停了', '停放', '没法走', '走不了', '过不去', '进不去', '出不来', '进出', '不方便', '起来', '出来', '下来', '压住', '吓到', '吓人', '从', '占道', '公交站', '人行道', '马路', '路边', '路面', '面包车', '轿车', '小车', '汽车', '车辆', '三轮车', '车', '卖', '查', '管', '看', '速度',
    '水果', '蔬菜', '菜', '早点', '小吃', '杂货', '老人', '小孩', '男子', '女子', '市民', '群众', '路人',
    '早上', '凌晨', '上午', '中午', '下午', '晚上', '夜里', '刚才', '刚刚', '现在', '今天', '点',
    '下', '上一步', '案件', '案卷', '号', '是', '被', '就', '也', '还', '再', '啊', '吧', '呢', '吗', '哦', '嗯', '们',
  ],
  en: [
    'a', 'an', 'the', 'at', 'on', 'in', 'by', 'to', 'of', 'for', 'from', 'with', 'into', 'near', 'outside', 'opposite', 'behind', 'next', 'beside', 'around',
    'and', 'or', 'is', 'are', 'was', 'there', 'please', 'go', 'get', 'send', 'it', 'its', 'this', 'that', 'has', 'have', 'been', 'some', 'more', 'several',
    'clear', 'deal', 'handle', 'check', 'sort', 'out', 'up', 'off', 'away', 'remove', 'dumped', 'left', 'blocking', 'block', 'piled', 'parked', 'again',
    'van', 'vans', 'car', 'cars', 'truck', 'vehicle', 'bus', 'people', 'person', 'someone', 'selling', 'sale', 'sold', 'now', 'here',
    'road', 'street', 'pavement', 'sidewalk', 'entrance', 'gate', 'exit', 'no', 'number', 'stop', 'team', 'squad', 'office', 'all', 'both', 'lot', 'lots', 'many',
    'tell', 'let', 'pedestrians', 'pedestrian', 'trucks', 'lorry', 'lorries', 'vehicles', 'taxis', 'running', 'nobody', 'emptied', 'them', 'has', 'had', 'days', 'weeks', 'hours', 'since',
    'case', 'lead', 'helping', 'dumping', 'dump', 'clean', 'cleaning', 'can', 'could', 'we', 'you', 'i', 'they', 'going', 'am', 'pm', 'last', 'junction', 'crossing', 'corner', 'intersection', 'everywhere', 'guy', 'man', 'woman', 'men', 'women',
  ],
};
