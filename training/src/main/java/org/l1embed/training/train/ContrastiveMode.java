package org.l1embed.training.train;

/** Which positives the contrastive loss uses. */
public enum ContrastiveMode {
    /**
     * SupCon: one view per event (augmented if an augmentation is set); events with the same class label are
     * positives.
     */
    SUPERVISED,
    /**
     * SimCLR / NT-Xent: two independently augmented views per event; the only positive of a view is the other
     * view of the same event. Labels are ignored; a batch of B events becomes 2B rows.
     */
    SELF_SUPERVISED
}
