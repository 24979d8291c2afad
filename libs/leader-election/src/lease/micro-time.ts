/** metav1.MicroTime: RFC 3339 UTC with six fractional digits (`2024-05-01T10:00:00.123000Z`). */
export function formatMicroTime(date: Date): string {
  return date.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}
