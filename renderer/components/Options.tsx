/**
 * The `<option>`s of a closed list. The values come from the shared schema's enum (e.g.
 * `complaintCategory.options`), so a select can never offer what the service would refuse.
 */
export function Options<V extends string>({ values, label }: { values: readonly V[]; label: (value: V) => string }) {
  return (
    <>
      {values.map((v) => (
        <option key={v} value={v}>
          {label(v)}
        </option>
      ))}
    </>
  );
}
