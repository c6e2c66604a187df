export { writeReport, type ReportInput, type ReportOutput } from './write-report';
export { collectResults, metricColumns, type ResultRow, type TrialInfo } from './collect';
export { buildTable, columnsOf, type Table, type TableRow, type Cell, type Column } from './table';
export { latexTable, escapeLatex } from './latex';
export { markdownTable } from './markdown';
export { resultsCsv, summaryCsv } from './results-csv';
export { groupRows, type Group } from './groups';
export { mean, std, pairedTTest, wilcoxonSignedRank, type TestResult, type Untestable } from './stats';
export { renderSvg } from './plots';
