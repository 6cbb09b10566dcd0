/** A checkpointed word count over text files, written exactly once through the transactional file sink. */
package io.spindle.examples.wordcount;
