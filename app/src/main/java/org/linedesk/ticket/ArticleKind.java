package org.linedesk.ticket;

/** An entry of a ticket's conversation. */
public enum ArticleKind {
    /** Written by the customer (first message, answers, replies after resolution). */
    CUSTOMER_MESSAGE,
    /** An agent's answer the customer sees. The first one meets the first-response target. */
    PUBLIC_REPLY,
    /** Between agents only; never sent to the customer. */
    INTERNAL_NOTE
}
