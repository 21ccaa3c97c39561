import { Button, makeStyles } from '@fluentui/react-components';
import { DocumentArrowUp20Regular } from '@fluentui/react-icons';
import { useRef } from 'react';
import { useI18n } from '../context';
import { PICK_ACCEPT, readPickedList, type PickedFile } from '../upload';

const useStyles = makeStyles({
  hidden: { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' },
  // A long label (“选择去年的工作簿…”, “Pick the police list…”) wraps in a narrow pane instead of being cut.
  button: { maxWidth: '100%', minWidth: 0, whiteSpace: 'normal', height: 'auto', minHeight: '32px', textAlign: 'left' },
});

export interface FilePickerProps {
  /** The button's text. */
  label: string;
  /** The hidden input's accessible name. */
  inputLabel: string;
  multiple?: boolean;
  disabled?: boolean;
  testId: string;
  /** Called as soon as files are chosen (names only), before they are read. */
  onChosen?: (files: File[]) => void;
  /** The chosen files read, detected by their bytes and converted to .xlsx where needed (upload.ts). */
  onPicked: (files: PickedFile[]) => void;
}

/**
 * 选择文件…: a button opening the system's file dialog (the input itself is hidden and out of the
 * tab order), the files read and made .xlsx in the browser. Shared by 导入 and 比对.
 */
export function FilePicker({ label, inputLabel, multiple, disabled, testId, onChosen, onPicked }: FilePickerProps) {
  const { locale } = useI18n();
  const s = useStyles();
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <input
        ref={input}
        className={s.hidden}
        type="file"
        multiple={multiple}
        accept={PICK_ACCEPT}
        aria-label={inputLabel}
        tabIndex={-1}
        data-testid={testId}
        onChange={(ev) => {
          const files = Array.from(ev.currentTarget.files ?? []);
          if (files.length === 0) return;
          onChosen?.(files);
          void readPickedList(files, locale).then((picked) => {
            // The same file can be picked again after it was fixed.
            if (input.current) input.current.value = '';
            onPicked(picked);
          });
        }}
      />
      <Button className={s.button} icon={<DocumentArrowUp20Regular />} onClick={() => input.current?.click()} disabled={disabled}>
        {label}
      </Button>
    </>
  );
}
