package io.spindle.yarn.client.archfixture;

import io.spindle.yarn.am.ApplicationMasterMain;

/** Breaks the rule that the client never links the AM. Never shipped. */
public final class ClientLinkingTheAm {
    Class<?> am = ApplicationMasterMain.class;
}
