/**
 * UI strings of the interactive islands. Every string a reader sees lives here, keyed by id,
 * so a translation is one more table. `format` fills `{name}` placeholders.
 */
export const en = {
  'convCost.title': 'Conv cost explorer',
  'convCost.inChannels': 'Input channels c₁',
  'convCost.outChannels': 'Output channels c₂',
  'convCost.kernel': 'Kernel size k',
  'convCost.size': 'Feature map h = w',
  'convCost.groups': 'Groups g',
  'convCost.groupsHint': 'Only values that divide both c₁ and c₂: {values}',
  'convCost.params': 'Parameters',
  'convCost.macs': 'Multiply-adds',
  'convCost.memory': 'Memory access cost',
  'convCost.vsDense': '{ratio}× fewer than the dense conv',
  'convCost.depthwise': 'g = c₁ = c₂: this is a depthwise convolution.',
  'convCost.elements': '{value} elements',
  'firmware.title': 'Simulated Zynq-7000 console',
  'firmware.source': 'main.c',
  'firmware.run': 'Build and run',
  'firmware.running': 'Building and running…',
  'firmware.reset': 'Back to the example',
  'firmware.output': 'Console output',
  'firmware.leds': 'LEDs',
  'firmware.led': 'LD{index} {state}',
  'firmware.on': 'on',
  'firmware.off': 'off',
  'firmware.timeout': 'Stopped: the simulation took longer than {seconds} s of real time.',
  'firmware.failed': 'The simulator failed: {message}',
  'runtimeDemo.title': 'ShuffleNet V2 in your browser',
  'runtimeDemo.width': 'Width',
  'runtimeDemo.layout': 'Layout',
  'runtimeDemo.layout.torchvision': 'torchvision',
  'runtimeDemo.layout.paper': 'paper (megvii)',
  'runtimeDemo.input': 'Input',
  'runtimeDemo.input.imagenet': '224×224 RGB, 1000 classes',
  'runtimeDemo.input.fashion': '28×28 grey, 10 classes (stem stride 1, no max pool)',
  'runtimeDemo.totals':
    '{params} parameters · {mmacs} million multiply-adds · {mac} million values moved',
  'runtimeDemo.layers': 'All {count} layers',
  'runtimeDemo.col.layer': 'Layer',
  'runtimeDemo.col.output': 'Output',
  'runtimeDemo.col.params': 'Params',
  'runtimeDemo.col.macs': 'MACs',
  'runtimeDemo.col.memory': 'Memory access',
  'runtimeDemo.run': 'Run a forward pass on every backend',
  'runtimeDemo.running': 'Running on {backend}…',
  'runtimeDemo.col.backend': 'Backend',
  'runtimeDemo.col.time': 'Time per image',
  'runtimeDemo.col.top': 'Top class',
  'runtimeDemo.col.diff': 'Max |difference| vs cpu',
  'runtimeDemo.note':
    'Random weights and a random image: the point is that all backends agree, and how fast each one is.',
  'runtimeDemo.failed': 'failed: {message}',
  'runtimeDemo.done': 'Ran on {count} backends.',
  'exercise.label': 'Exercise {number}: {title}',
  'exercise.codeLabel': 'Your code: {file}',
  'exercise.edit': 'Edit code',
  'exercise.editHint':
    'The editor loads when you start editing. Ctrl+Enter (⌘+Enter on a Mac) runs the checks; Ctrl+M (Ctrl+Shift+M on a Mac) makes Tab move focus out of the editor.',
  'exercise.loadingEditor': 'Loading the editor…',
  'exercise.editorFailed': 'The editor could not load ({error}); a plain text box is used instead.',
  'exercise.run': 'Run checks',
  'exercise.running': 'Running…',
  'exercise.stop': 'Stop',
  'exercise.stopped': 'Run stopped; nothing was graded.',
  'exercise.hint': 'Hint',
  'exercise.nextHint': 'Next hint ({shown} of {total})',
  'exercise.noMoreHints': 'All hints shown',
  'exercise.hintsHeading': 'Hints',
  'exercise.reset': 'Reset to starter',
  'exercise.resetTitle': 'Reset to the starter code?',
  'exercise.resetBody':
    'Your code for this exercise is replaced by the starter code. This cannot be undone.',
  'exercise.resetConfirm': 'Reset',
  'exercise.cancel': 'Cancel',
  'exercise.showSolution': 'Show solution',
  'exercise.hideSolution': 'Hide solution',
  'exercise.solutionTitle': 'Show the solution now?',
  'exercise.solutionBody':
    'You have not run the checks yet. Trying first, with the hints, is how the idea sticks.',
  'exercise.solutionConfirm': 'Show it',
  'exercise.solutionHeading': 'Solution',
  'exercise.solutionNote': 'Your code is unchanged; compare, or copy what you need.',
  'exercise.solved': 'Solved',
  'exercise.notSolved': 'Not solved yet',
  'exercise.results': 'Results',
  'exercise.status.pass': 'All {total} checks passed.',
  'exercise.status.fail': '{failed} of {total} checks did not pass.',
  'exercise.status.error': 'Your code could not be graded.',
  'exercise.status.timeout':
    'Stopped: the run took longer than {seconds} s. Look for a loop that never ends.',
  'exercise.compileErrors': 'Compile errors',
  'exercise.compileErrorAt': 'Line {line}, column {column}',
  'exercise.check.pass': 'passed',
  'exercise.check.fail': 'failed',
  'exercise.check.error': 'error',
  'exercise.expected': 'Expected',
  'exercise.actual': 'Got',
  'exercise.output': 'Console output ({lines} lines)',
  'exercise.duration': 'Graded in {ms} ms',
  'exercise.notice.corrupt':
    'Some saved data for this exercise was unreadable and has been set aside (kept in your browser under {key}). Starting from the starter code.',
  'exercise.notice.starterChanged':
    'This exercise’s starter code has changed since you last worked on it. Your earlier code is shown; reset to get the new starter.',
  'exercise.notice.noStorage':
    'Your browser does not allow saving here, so your code is kept only until you leave the page.',
  'exercise.notice.saveFailed': 'Your code could not be saved ({error}).',
  'exercise.unknown': 'Unknown exercise: {id}',
  'exercise.notGradable':
    'This exercise is graded on the simulated board, which the in-browser grader does not run yet: your code is saved, but Run checks cannot grade it here.',
  'exercises.title': 'Exercises',
  'exercises.description':
    'Graded exercises: write the code, run the checks, in the browser or in a terminal.',
  'exercises.intro':
    'Each exercise is graded in your browser, in a separate worker. Your code is saved in this browser as you type. To work in your own editor instead, run npm run learn in a terminal.',
  'exercises.all': 'All exercises',
  'exercises.practises': 'Practises the lesson',
  'exercises.lessonLater': 'Its lesson is coming soon.',
  'exercises.column.number': 'No.',
  'exercises.column.exercise': 'Exercise',
  'exercises.column.status': 'Status',
  'progress.title': 'Your progress',
  'progress.export': 'Export progress',
  'progress.import': 'Import progress',
  'progress.imported': 'Imported {code} saved files and progress for {progress} exercises.',
  'progress.importFailed': 'Nothing was imported: {error}',
  'progress.solvedCount': '{solved} of {total} exercises solved',
  'shuffleView.title': 'Channel shuffle viewer',
  'shuffleView.channels': 'Channels c',
  'shuffleView.groups': 'Groups g',
  'shuffleView.groupsHint': 'Only divisors of c: {values}',
  'shuffleView.legend':
    'Each box is one input channel: its number, with its group as a small index. The colour also marks the group.',
  'shuffleView.before': 'Before the shuffle (g = {groups} groups, n = {n} channels each)',
  'shuffleView.after': 'After the shuffle (cut into the g = {groups} groups of the next layer)',
  'shuffleView.inverse': 'The inverse permutation (a plausible wrong answer)',
  'shuffleView.order': '{row}: {order}',
  'shuffleView.box': 'Channel {channel}, group {group}',
  'shuffleView.mixing':
    'Each group of the next layer receives channels from {reached} of the {groups} input groups.',
  'shuffleView.inverseDiffers':
    'The inverse gives a different order, so a shuffle written the wrong way round fails the checks.',
  'shuffleView.inverseSame':
    'Here c = g × g = {square}, so the inverse is the same permutation: a test with this shape cannot catch the wrong direction.',
  'shuffleView.trivial': 'With g = 1 or g = c the shuffle leaves every channel where it is.',
} as const;

export type UiKey = keyof typeof en;
export type UiStrings = Record<UiKey, string>;

export const zhCN: Partial<UiStrings> = {
  'convCost.params': '参数量',
  'convCost.macs': '乘加次数',
  'convCost.memory': '内存访问量',
  'shuffleView.title': '通道混洗演示',
  'shuffleView.channels': '通道数 c',
  'shuffleView.groups': '分组数 g',
  'shuffleView.groupsHint': '只能取 c 的约数：{values}',
  'shuffleView.legend':
    '每个方块是一个输入通道：数字是通道编号，小下标是它所属的分组。颜色也表示分组。',
  'shuffleView.before': '混洗前（g = {groups} 个分组，每组 n = {n} 个通道）',
  'shuffleView.after': '混洗后（按下一层的 g = {groups} 个分组切分）',
  'shuffleView.inverse': '逆置换（一个看似合理的错误答案）',
  'shuffleView.order': '{row}：{order}',
  'shuffleView.box': '通道 {channel}，分组 {group}',
  'shuffleView.mixing': '下一层的每个分组从 {groups} 个输入分组中的 {reached} 个接收通道。',
  'shuffleView.inverseDiffers': '逆置换给出不同的顺序，所以方向写反的混洗无法通过检查。',
  'shuffleView.inverseSame':
    '此处 c = g × g = {square}，逆置换与混洗完全相同：用这种形状的测试发现不了方向错误。',
  'shuffleView.trivial': 'g = 1 或 g = c 时，混洗不改变任何通道的位置。',
};

const tables: Record<string, Partial<UiStrings>> = { en, 'zh-CN': zhCN };

/** A translator for one language, falling back to English for missing strings. */
export function translator(lang: string) {
  const table = tables[lang] ?? {};
  return (key: UiKey, values: Record<string, string | number> = {}): string =>
    format(table[key] ?? en[key], values);
}

export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}

/** Numbers as readers expect them: 1,234,567 in English, with the language's separators. */
export function formatCount(value: number, lang: string): string {
  return new Intl.NumberFormat(lang).format(value);
}
