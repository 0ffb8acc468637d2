import { useRef, useState, type ReactNode } from 'react';
import { DOCUMENT_EXTENSIONS } from '../../../../shared/domain/documents';
import { Spinner } from '../../ui/states';
import type { Reading } from './store';

interface DocumentFieldProps {
  id: string;
  label: string;
  placeholder: string;
  value: string;
  /** The file the text came from, shown as a chip that clears it. */
  fileName: string | null;
  reading: Reading;
  onChange: (text: string) => void;
  onFile: (file: File) => void;
  onClear: () => void;
  children?: ReactNode;
}

/** Paste text, pick a file, or drop one on the box; the text stays editable after import. */
export function DocumentField(props: DocumentFieldProps) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const reading = props.reading.status === 'reading';

  return (
    <div className="field">
      <div className="tailor-doc-head">
        <label htmlFor={props.id}>{props.label}</label>
        {props.fileName && (
          <span className="tailor-file" data-testid={`${props.id}-file`}>
            {props.fileName}
          </span>
        )}
        <span className="grow" />
        {props.value && (
          <button type="button" className="btn btn-small btn-ghost" onClick={props.onClear}>
            Clear
          </button>
        )}
        <button
          type="button"
          className="btn btn-small"
          disabled={reading}
          onClick={() => input.current?.click()}
          data-testid={`${props.id}-import`}
        >
          {reading ? <Spinner size="sm" /> : null}
          Import file…
        </button>
        <input
          ref={input}
          type="file"
          hidden
          accept={DOCUMENT_EXTENSIONS.join(',')}
          data-testid={`${props.id}-input`}
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) props.onFile(file);
          }}
        />
      </div>
      <div
        className={`tailor-drop ${over ? 'tailor-drop-over' : ''}`}
        onDragOver={(e) => {
          if (!e.dataTransfer.types.includes('Files')) return;
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          const file = e.dataTransfer.files[0];
          setOver(false);
          if (!file) return;
          e.preventDefault();
          props.onFile(file);
        }}
      >
        <textarea
          id={props.id}
          data-testid={props.id}
          rows={5}
          value={props.value}
          maxLength={50_000}
          disabled={reading}
          placeholder={reading ? `Reading ${props.reading.status === 'reading' ? props.reading.fileName : ''}…` : props.placeholder}
          onChange={(e) => props.onChange(e.target.value)}
        />
      </div>
      {props.reading.status === 'error' && (
        <p className="field-error" role="alert">
          {props.reading.message}
        </p>
      )}
      {props.children}
    </div>
  );
}
