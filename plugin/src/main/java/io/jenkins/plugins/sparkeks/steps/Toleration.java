package io.jenkins.plugins.sparkeks.steps;

import hudson.Extension;
import hudson.model.AbstractDescribableImpl;
import hudson.model.Descriptor;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.sparkeks.core.job.Validation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.verb.POST;

/**
 * One toleration of the driver pod. A data-bound type rather than a map, so that structs can describe
 * {@code tolerations} (Pipeline Syntax, Snippet Generator) and the form can edit it as a repeatable block; a
 * Pipeline still writes each one as a map, {@code [key: 'spot', operator: 'Exists']}.
 */
public class Toleration extends AbstractDescribableImpl<Toleration> {

    private static final String DEFAULT_OPERATOR = "Equal";
    private static final Set<String> OPERATORS = Set.of(DEFAULT_OPERATOR, "Exists");
    private static final List<String> EFFECTS = List.of("NoSchedule", "PreferNoSchedule", "NoExecute");

    private String key;
    private String operator;
    private String value;
    private String effect;
    private Integer tolerationSeconds;

    @DataBoundConstructor
    public Toleration() {}

    public String getKey() {
        return key;
    }

    public String getOperator() {
        return operator;
    }

    public String getValue() {
        return value;
    }

    public String getEffect() {
        return effect;
    }

    public Integer getTolerationSeconds() {
        return tolerationSeconds;
    }

    /** Taint key; empty with operator Exists tolerates every taint. */
    @DataBoundSetter
    public void setKey(String key) {
        this.key = StepValues.text(key);
    }

    /** Equal (the default, kept as unset so that a form's pre-selected Equal and an omitted operator compare equal) or Exists. */
    @DataBoundSetter
    public void setOperator(String operator) {
        String op = StepValues.text(operator);
        this.operator = DEFAULT_OPERATOR.equals(op) ? null : op;
    }

    /** Taint value, for operator Equal. */
    @DataBoundSetter
    public void setValue(String value) {
        this.value = StepValues.text(value);
    }

    /** NoSchedule, PreferNoSchedule or NoExecute; empty tolerates every effect. */
    @DataBoundSetter
    public void setEffect(String effect) {
        this.effect = StepValues.text(effect);
    }

    /** How long a NoExecute taint is tolerated; empty means forever. */
    @DataBoundSetter
    public void setTolerationSeconds(Integer tolerationSeconds) {
        this.tolerationSeconds = tolerationSeconds;
    }

    /** Checks what Kubernetes would reject, naming the toleration by its position (1-based). */
    void validate(int position, Validation v) {
        String field = "tolerations";
        String which = "toleration " + position;
        String op = operator == null ? DEFAULT_OPERATOR : operator;
        if (!OPERATORS.contains(op)) {
            v.error(field, which + " has operator '" + operator + "'.", "Use Equal or Exists.");
        }
        if (effect != null && !EFFECTS.contains(effect)) {
            v.error(
                    field,
                    which + " has effect '" + effect + "'.",
                    "Use NoSchedule, PreferNoSchedule or NoExecute, or leave it empty.");
        }
        if (key == null && DEFAULT_OPERATOR.equals(op)) {
            v.error(
                    field,
                    which + " has no key.",
                    "Give the taint key, or use operator Exists to tolerate every taint.");
        }
        if ("Exists".equals(op) && value != null) {
            v.error(field, which + " has a value with operator Exists.", "Leave value empty, or use operator Equal.");
        }
    }

    /** The keys the pod settings carry: key, operator, value, effect, tolerationSeconds; unset ones left out. */
    Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        put(m, "key", key);
        put(m, "operator", operator);
        put(m, "value", value);
        put(m, "effect", effect);
        put(m, "tolerationSeconds", tolerationSeconds == null ? null : tolerationSeconds.toString());
        return m;
    }

    private static void put(Map<String, String> m, String name, String v) {
        if (v != null) {
            m.put(name, v);
        }
    }

    // compared by content: a configuration that went through a form or a snippet equals the one it came from
    @Override
    public boolean equals(Object o) {
        return o instanceof Toleration t
                && Objects.equals(key, t.key)
                && Objects.equals(operator, t.operator)
                && Objects.equals(value, t.value)
                && Objects.equals(effect, t.effect)
                && Objects.equals(tolerationSeconds, t.tolerationSeconds);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, operator, value, effect, tolerationSeconds);
    }

    @Override
    public String toString() {
        return "Toleration" + toMap();
    }

    @Extension
    public static class DescriptorImpl extends Descriptor<Toleration> {

        @Override
        public String getDisplayName() {
            return "Toleration";
        }

        @POST
        public ListBoxModel doFillOperatorItems() {
            ListBoxModel m = new ListBoxModel();
            m.add(DEFAULT_OPERATOR);
            m.add("Exists");
            return m;
        }

        @POST
        public ListBoxModel doFillEffectItems() {
            ListBoxModel m = new ListBoxModel();
            m.add("Every effect", "");
            for (String effect : EFFECTS) {
                m.add(effect);
            }
            return m;
        }
    }
}
