package io.spindle.yarn.am.archfixture;

import io.spindle.yarn.client.YarnClusterDeployer;

/** Breaks the rule that the AM does not use the client side. Never shipped. */
public final class AmLinkingTheClient {
    YarnClusterDeployer deployer;
}
