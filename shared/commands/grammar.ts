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

/** Verbs in Chinese and English; a Chinese verb may run straight into its argument ("派城管", "屏11"). */
export const verbs: { kind: CommandKind; zh: string[]; en: string[] }[] = [
  { kind: 'newCase', zh: ['新建案件', '新案件', '新建', '上报'], en: ['new case', 'new', 'report'] },
  { kind: 'dispatch', zh: ['派单', '派遣', '派给', '派到', '交给', '转给', '分派', '派'], en: ['dispatch', 'send', 'assign'] },
  { kind: 'assist', zh: ['加协办', '协办', '加派', '增派', '协助'], en: ['assist', 'add helpers', 'add helper', 'helpers', 'help'] },
  { kind: 'supervise', zh: ['督办', '催办'], en: ['supervise', 'sup'] },
  { kind: 'return', zh: ['退回', '退单'], en: ['return'] },
  { kind: 'merge', zh: ['合并', '并入', '归并'], en: ['merge'] },
  { kind: 'void', zh: ['作废', '无效'], en: ['void', 'cancel case'] },
  { kind: 'close', zh: ['结案', '办结'], en: ['close'] },
  { kind: 'reopen', zh: ['重新打开', '重开', '重启'], en: ['reopen', 're-open'] },
  { kind: 'urgent', zh: ['加急', '设为紧急', '标记紧急'], en: ['mark urgent', 'urgent'] },
  { kind: 'screen', zh: ['屏幕', '大屏', '屏'], en: ['screen', 'scr'] },
  { kind: 'layout', zh: ['布局', '分屏'], en: ['layout'] },
  { kind: 'module', zh: ['切换到', '切换', '切到', '模块'], en: ['module', 'switch to', 'switch'] },
  { kind: 'presentation', zh: ['演示模式', '演示', '汇报模式'], en: ['presentation', 'present'] },
  { kind: 'undo', zh: ['撤销', '撤回', '撤消'], en: ['undo'] },
];

/** Ways to say "the case I have selected". */
export const selectedCaseWords = { zh: ['这个案件', '这件', '这个', '本案', '此案', '该案', '当前'], en: ['this case', 'this', 'current', 'selected'] };

export const urgencyWords = {
  zh: ['立即', '马上', '立刻', '紧急', '速去', '速到', '速来', '火速', '迅速', '赶紧', '赶快', '尽快', '快去', '快点', '抓紧', '加急', '十万火急', '第一时间'],
  en: ['urgently', 'urgent', 'immediately', 'right now', 'right away', 'straight away', 'at once', 'asap', 'now', 'quickly', 'hurry'],
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

/** Words that join a sentence together and carry no fact of their own. */
export const fillerWords = {
  zh: [
    '的', '在', '有', '了', '和', '与', '及', '跟', '同', '还有', '另外', '此外', '同时', '以及', '并', '又', '都', '把', '给', '让', '叫', '请', '去', '到', '至', '来', '派',
    '门口', '附近', '旁边', '对面', '边上', '路口', '那边', '这边', '一带', '周边', '前面', '后面', '里面', '外面', '下面', '底下', '上面', '那里', '这里', '那儿', '这儿', '处', '街上', '上', '切',
    '发现', '出现', '有人', '现场', '情况', '问题', '一下', '一起', '联合', '处理', '清理', '处置', '查处', '整治', '取缔', '劝离', '劝导', '劝阻', '劝', '核查', '看看', '看一下',
    '疏导', '拆除', '拆', '清走', '拖走', '制止', '管一管', '管管', '扰民', '太吵', '很吵', '很大', '太大', '乱倒', '偷倒', '看下', '没人管', '没人清', '没人处理', '怎么回事',
    '过去', '赶到', '到场', '派人', '安排', '通知', '要求', '负责', '配合', '协助', '主办', '协办', '牵头', '立案', '好几天', '几天', '好几', '几', '个', '辆', '名', '堆', '家', '条', '号口', '出口',
    '堵住', '占了', '占着', '挡住', '影响', '通行', '行人', '居民', '反映', '投诉', '举报', '接到', '报告', '上报', '来电', '打电话', '打', '说', '网格员', '巡查员', '协管员', '志愿者', '视频', '巡查', '巡逻', '已经', '目前', '正在', '一直', '很多', '好多', '大量', '严重',
    '占道', '公交站', '人行道', '马路', '路边', '路面', '面包车', '轿车', '小车', '汽车', '车辆', '三轮车', '车', '卖', '查', '管', '看', '速度',
    '水果', '蔬菜', '菜', '早点', '小吃', '杂货', '老人', '小孩', '男子', '女子', '市民', '群众', '路人',
    '早上', '凌晨', '上午', '中午', '下午', '晚上', '夜里', '刚才', '刚刚', '现在', '今天', '点',
    '上一步', '案件', '案卷', '号', '是', '被', '就', '也', '还', '再', '啊', '吧', '呢', '吗', '哦', '嗯', '们',
  ],
  en: [
    'a', 'an', 'the', 'at', 'on', 'in', 'by', 'to', 'of', 'for', 'from', 'with', 'into', 'near', 'outside', 'opposite', 'behind', 'next', 'beside', 'around',
    'and', 'or', 'is', 'are', 'was', 'there', 'please', 'go', 'get', 'send', 'it', 'its', 'this', 'that', 'has', 'have', 'been', 'some', 'more', 'several',
    'clear', 'deal', 'handle', 'check', 'sort', 'out', 'up', 'off', 'away', 'remove', 'dumped', 'left', 'blocking', 'block', 'piled', 'parked', 'again',
    'van', 'vans', 'car', 'cars', 'truck', 'vehicle', 'bus', 'people', 'person', 'someone', 'selling', 'sale', 'sold', 'now', 'here',
    'road', 'street', 'pavement', 'sidewalk', 'entrance', 'gate', 'exit', 'no', 'number', 'stop', 'team', 'squad', 'office', 'all', 'both', 'lot', 'lots', 'many',
    'case', 'lead', 'helping', 'dumping', 'dump', 'clean', 'cleaning', 'can', 'could', 'we', 'you', 'i', 'they', 'going', 'am', 'pm', 'last', 'junction', 'crossing', 'corner', 'intersection', 'everywhere', 'guy', 'man', 'woman', 'men', 'women',
  ],
};
