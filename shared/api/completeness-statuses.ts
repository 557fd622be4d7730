// The words of completeness, without the schema around them: the pane and the dashboard use them and
// must not bundle zod (they trust the server's answers; see api-client.ts).

export const completenessStatuses = ["未报", "已报", "退回", "通过", "逾期"] as const;
export const stampedCopyStatuses = ["已盖章", "未盖章"] as const;
