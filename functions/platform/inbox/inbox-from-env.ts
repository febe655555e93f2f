import { documentClient } from '../clients';
import { requireEnv } from '../config';
import { ENV } from '../contract/environment';
import { InboxStore } from './inbox-store';

/** The inbox on the table named by INBOX_TABLE. */
export const inboxFromEnv = (): InboxStore => new InboxStore(documentClient(), requireEnv(ENV.inboxTable));
