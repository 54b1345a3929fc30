package org.linedesk.workflow;

import java.util.List;
import java.util.stream.Collectors;

/** A model that must not be deployed, with every problem found (element and reason). */
public class InvalidModelException extends RuntimeException {

    private final List<ModelProblem> problems;

    public InvalidModelException(String fileName, List<ModelProblem> problems) {
        super((fileName == null ? "The model" : fileName) + " has " + problems.size()
                + (problems.size() == 1 ? " problem: " : " problems: ")
                + problems.stream().map(ModelProblem::toString).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<ModelProblem> problems() {
        return problems;
    }
}
