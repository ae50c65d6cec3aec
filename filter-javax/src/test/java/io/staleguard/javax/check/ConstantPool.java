package io.staleguard.javax.check;

import java.util.LinkedHashSet;
import java.util.Set;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;

/**
 * What one class file's constant pool holds: every {@code Utf8} string, every {@code Class} entry, and every
 * {@code Fieldref}, {@code Methodref} and {@code InterfaceMethodref}: all the JVM links against when it runs the class.
 */
public record ConstantPool(String className, int majorVersion, Set<String> utf8, Set<String> classes,
        Set<MemberRef> members) {

    private static final int CLASS = 7;
    private static final int FIELDREF = 9;
    private static final int METHODREF = 10;
    private static final int INTERFACE_METHODREF = 11;
    private static final int UTF8 = 1;

    /** A field or method a class refers to: {@code owner} in internal form, {@code descriptor} as in the class file. */
    public record MemberRef(String owner, String name, String descriptor, boolean field) {
        @Override
        public String toString() {
            return owner.replace('/', '.') + (field ? "#" : ".") + name + descriptor;
        }
    }

    public static ConstantPool of(byte[] classFile) {
        ClassReader reader = new ClassReader(classFile);
        char[] buffer = new char[reader.getMaxStringLength()];
        Set<String> utf8 = new LinkedHashSet<>();
        Set<String> classes = new LinkedHashSet<>();
        Set<MemberRef> members = new LinkedHashSet<>();
        for (int i = 1; i < reader.getItemCount(); i++) {
            int offset = reader.getItem(i);
            if (offset == 0) {
                continue; // the second slot of a Long or Double
            }
            switch (reader.readByte(offset - 1)) {
                case UTF8 -> utf8.add(readUtf8At(reader, offset, buffer));
                case CLASS -> classes.add(reader.readUTF8(offset, buffer));
                case FIELDREF, METHODREF, INTERFACE_METHODREF -> {
                    String owner = reader.readClass(offset, buffer);
                    int nameAndType = reader.getItem(reader.readUnsignedShort(offset + 2));
                    members.add(new MemberRef(owner, reader.readUTF8(nameAndType, buffer),
                            reader.readUTF8(nameAndType + 2, buffer), reader.readByte(offset - 1) == FIELDREF));
                }
                default -> {
                    // Integer, Long, String, NameAndType, MethodHandle, Dynamic, ...: their names are Utf8 entries
                }
            }
        }
        return new ConstantPool(reader.getClassName(), reader.readUnsignedShort(6), utf8, classes, members);
    }

    /**
     * The pool as the class uses it: ASM rebuilds the class file from what its fields, methods, code and attributes
     * refer to, so an entry that nothing refers to (a leftover that no JVM ever resolves) is not in it.
     */
    public static ConstantPool used(byte[] classFile) {
        ClassWriter writer = new ClassWriter(0);
        new ClassReader(classFile).accept(writer, 0);
        return of(writer.toByteArray());
    }

    /** A Utf8 entry's text: the entry at {@code offset} holds the length and the bytes themselves. */
    private static String readUtf8At(ClassReader reader, int offset, char[] buffer) {
        int length = reader.readUnsignedShort(offset);
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) reader.readByte(offset + 2 + i);
        }
        // modified UTF-8 differs from UTF-8 only for NUL and supplementary characters, which no name here has
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }
}
