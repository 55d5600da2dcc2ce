package org.pcistress.model.change;

import org.pcistress.model.profile.Feature;
import org.pcistress.model.profile.KernelPath;

/**
 * A place where a function lets go of a lock its caller holds, around one call, and takes it
 * again after: f5eff5591b8f's {@code up_read(&ctrl->reset_lock)} … {@code down_read} around
 * driver binding and unbinding in pciehp. The model has it as a profile {@link Feature}, not as a
 * lock step: {@code drop} at such a place turns the feature on, {@code take} turns it off.
 *
 * @param lock    the caller's lock
 * @param heldOn  the caller's path that takes it
 * @param holder  the kernel function that holds it ({@code pciehp_ist})
 * @param feature the profile feature that is this release
 */
public record Release(LockName lock, KernelPath heldOn, String holder, Feature feature) {
}
