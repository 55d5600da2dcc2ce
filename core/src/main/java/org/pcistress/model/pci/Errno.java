package org.pcistress.model.pci;

/**
 * The error numbers the modelled paths return, negated as the kernel returns them.
 *
 * @kernel include/uapi/asm-generic/errno-base.h v4.14 v5.10 v6.19
 */
public final class Errno {
    public static final int ENOENT = -2;
    public static final int EBUSY = -16;
    public static final int EEXIST = -17;
    public static final int ENODEV = -19;
    public static final int EINVAL = -22;
    public static final int ERANGE = -34;
    /** Inappropriate ioctl: the device has no (such) reset method. */
    public static final int ENOTTY = -25;

    private Errno() {
    }
}
