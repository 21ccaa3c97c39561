/** UTF-16 and GBK through iconv-lite (whatever ICU this Node was built with): CSV and legacy files. */
import * as iconv from 'iconv-lite';
import type { Decode } from '../formats/text';

export const iconvDecode: Decode = (bytes, encoding) => iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding);
