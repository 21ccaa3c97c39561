/** A message catalogue: per code, an ICU message (问题) and a short how-to-fix hint (怎么改).
 *  Messages may use the problem's params and {column}, {value}, {cell}, {row}, {sheet}, {file}. */
export interface CatalogueEntry {
  message: string;
  hint: string;
}
export type Catalogue = Readonly<Record<string, CatalogueEntry>>;
