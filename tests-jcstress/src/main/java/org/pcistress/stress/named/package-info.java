/** A jcstress race of two entry points named at run time, built-in or a user's. */
package org.pcistress.stress.named;
