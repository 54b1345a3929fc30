package org.linedesk.workflow;

/** One thing wrong with a process or decision model: the element's id (null for the whole file) and why. */
public record ModelProblem(String element, String reason) {

    @Override
    public String toString() {
        return element == null ? reason : element + ": " + reason;
    }
}
