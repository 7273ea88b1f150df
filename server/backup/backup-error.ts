// Why a backup or a restore stopped, as a catalogue key of the `operations`
// namespace with its values, so the command prints it in the operator's
// language; the Error's own message is the English sentence, for logs and tests.
import { translatorFor } from "../../app/domain/i18n/translators";
import type { MessageValues } from "../../app/domain/i18n/message";

export class BackupError extends Error {
  constructor(
    readonly key: string,
    readonly values: MessageValues = {},
  ) {
    super(translatorFor("en", "operations")(key, values));
    this.name = "BackupError";
  }

  /** The message in `language` ("en" or "ja"). */
  in(language: string): string {
    return translatorFor(language, "operations")(this.key, this.values);
  }
}
