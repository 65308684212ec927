/**
 * Events as clients send them (packed float32 tensors in several layouts, or structured objects) turned into a
 * model's raw network features, with every malformed batch refused by a message naming the field and value. No
 * preprocessing happens here: it belongs to the model.
 */
package org.l1embed.service.events;
