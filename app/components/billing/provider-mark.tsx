/** A small drawn mark for each way to pay (no provider logo files are shipped): a coloured tile with its initials. */
const MARKS = {
  card: { fill: "#334155", text: "CARD", label: "Card" },
  vnpay: { fill: "#005BAA", text: "VNPAY", label: "VNPay" },
  momo: { fill: "#A50064", text: "MoMo", label: "MoMo" },
} as const;

export function ProviderMark({ provider }: { provider: keyof typeof MARKS }) {
  const mark = MARKS[provider];
  return (
    <svg width="56" height="28" viewBox="0 0 56 28" role="img" aria-label={mark.label} className="shrink-0">
      <rect width="56" height="28" rx="6" fill={mark.fill} />
      <text x="28" y="18.5" textAnchor="middle" fontSize="11" fontWeight="700" fontFamily="system-ui,sans-serif" fill="#fff">
        {mark.text}
      </text>
    </svg>
  );
}
