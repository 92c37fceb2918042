import type { Generated } from 'kysely';

type OrgRow = { id: Generated<number>; organization_id: number };

/** Messages, their threads and files, and events (migration 1100). */
export interface MessagesTables {
  message_threads: OrgRow & {
    kind: 'direct' | 'group';
    /** A direct thread's two persons, «min:max»: one thread per pair. */
    pair_key: string | null;
    group_id: number | null;
    subject: string | null;
    created_by_person_id: number;
    created_at: string;
    last_message_id: number | null;
    last_message_at: string;
  };
  thread_members: OrgRow & {
    thread_id: number;
    person_id: number;
    last_read_message_id: Generated<number>;
    read_at: string | null;
  };
  messages: OrgRow & {
    thread_id: number;
    author_person_id: number;
    author_user_id: number;
    text: string;
    /** searchKey(text): lower case, ё → е. */
    search_text: string;
    op_id: string | null;
    created_at: string;
    withdrawn_at: string | null;
  };
  message_files: OrgRow & { message_id: number; file_name: string; content_type: string; size: number; content_base64: string };
  events: OrgRow & {
    group_id: number | null;
    title: string;
    text: string;
    date: string;
    time: string | null;
    place: string | null;
    author_person_id: number;
    author_user_id: number;
    created_at: string;
    cancelled_at: string | null;
  };
}
