package io.staleguard.internal.ops;

import java.util.concurrent.atomic.LongAdder;

import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.DynamicMBean;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.ReflectionException;

/**
 * The live counters of one application, registered as {@code io.staleguard:type=Staleguard,context=<path>}: one
 * read-only {@code long} attribute per {@link Counter}, with its description, from the application's start.
 */
public final class Counters implements DynamicMBean {

    private static final Counter[] ALL = Counter.values();
    private static final MBeanInfo INFO = info();

    private final LongAdder[] adders = new LongAdder[ALL.length];

    public Counters() {
        for (int i = 0; i < adders.length; i++) {
            adders[i] = new LongAdder();
        }
    }

    public void increment(Counter counter) {
        adders[counter.ordinal()].increment();
    }

    public long get(Counter counter) {
        return adders[counter.ordinal()].sum();
    }

    @Override
    public Object getAttribute(String attribute) throws AttributeNotFoundException {
        for (Counter counter : ALL) {
            if (counter.attribute().equals(attribute)) {
                return get(counter);
            }
        }
        throw new AttributeNotFoundException("Staleguard has no counter " + attribute);
    }

    @Override
    public AttributeList getAttributes(String[] attributes) {
        AttributeList list = new AttributeList();
        for (String attribute : attributes) {
            try {
                list.add(new Attribute(attribute, getAttribute(attribute)));
            } catch (AttributeNotFoundException e) {
                // The JMX contract: attributes that cannot be read are left out of the list.
            }
        }
        return list;
    }

    /** @throws AttributeNotFoundException always: counters are read-only */
    @Override
    public void setAttribute(Attribute attribute) throws AttributeNotFoundException {
        throw new AttributeNotFoundException("Staleguard's counters are read-only: " + attribute.getName());
    }

    @Override
    public AttributeList setAttributes(AttributeList attributes) {
        return new AttributeList();
    }

    /** @throws ReflectionException always: the MBean has no operations */
    @Override
    public Object invoke(String actionName, Object[] params, String[] signature) throws ReflectionException {
        throw new ReflectionException(new NoSuchMethodException(actionName), "Staleguard's MBean has no operations");
    }

    @Override
    public MBeanInfo getMBeanInfo() {
        return INFO;
    }

    private static MBeanInfo info() {
        MBeanAttributeInfo[] attributes = new MBeanAttributeInfo[ALL.length];
        for (Counter counter : ALL) {
            attributes[counter.ordinal()] = new MBeanAttributeInfo(counter.attribute(), "long", counter.description(),
                    true, false, false);
        }
        return new MBeanInfo(Counters.class.getName(), "Staleguard's counters for one application; each only grows",
                attributes, null, null, null);
    }
}
