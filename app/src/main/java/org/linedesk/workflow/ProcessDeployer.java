package org.linedesk.workflow;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.linedesk.ticket.TaskAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Deploys the BPMN and DMN files of {@code linedesk.processes-dir} at start-up (or, when that folder
 * does not exist, the copies packaged in the jar). Each file is checked first: a mistake stops the
 * start with the file, the element and the reason. Unchanged files make no new version.
 */
@Component
class ProcessDeployer implements InitializingBean {

    static final String DEPLOYMENT_NAME = "linedesk-processes";
    private static final Logger log = LoggerFactory.getLogger(ProcessDeployer.class);

    private final RepositoryService repositoryService;
    private final Path processesDir;
    private final Path slaDefinitionsDir;

    ProcessDeployer(RepositoryService repositoryService, @Value("${linedesk.processes-dir}") Path processesDir,
                    @Value("${linedesk.sla-definitions-dir}") Path slaDefinitionsDir) {
        this.repositoryService = repositoryService;
        this.processesDir = processesDir;
        this.slaDefinitionsDir = slaDefinitionsDir;
    }

    @Override
    public void afterPropertiesSet() throws IOException {
        List<ProcessFile> files = new ArrayList<>(from(processesDir, "processes"));
        // Decision tables that belong to the SLA (the priority matrix) live with the SLA definitions.
        from(slaDefinitionsDir, "sla-definitions").stream().filter(f -> f.name().endsWith(".dmn")).forEach(files::add);
        if (files.stream().noneMatch(f -> f.name().endsWith(".bpmn"))) {
            throw new IllegalStateException("No process files found in " + processesDir.toAbsolutePath()
                    + " nor in the application; LineDesk needs at least processes/incident.bpmn");
        }
        files.forEach(ProcessFile::validate);
        DeploymentBuilder deployment = repositoryService.createDeployment()
                .name(DEPLOYMENT_NAME)
                .source("linedesk")
                .enableDuplicateFiltering(true);
        files.forEach(f -> deployment.addInputStream(f.name(), new ByteArrayInputStream(f.content())));
        DeploymentWithDefinitions deployed;
        try {
            deployed = deployment.deployWithResult();
        } catch (RuntimeException e) {
            throw new InvalidProcessException("The engine refused the process files "
                    + files.stream().map(ProcessFile::path).toList() + ": " + e.getMessage(), e);
        }
        List<ProcessDefinition> definitions = deployed.getDeployedProcessDefinitions();
        if (definitions == null || definitions.isEmpty()) {
            log.info("Process files unchanged; nothing new deployed ({} files checked)", files.size());
        } else {
            definitions.forEach(d -> log.info("Deployed process '{}' version {} from {}", d.getKey(), d.getVersion(),
                    d.getResourceName()));
        }
    }

    /** The folder's BPMN/DMN files, or the copies packaged in the jar when the folder does not exist. */
    private static List<ProcessFile> from(Path dir, String packagedFolder) throws IOException {
        List<ProcessFile> files = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            log.info("Deploying process files from {}", dir.toAbsolutePath());
            try (Stream<Path> paths = Files.list(dir)) {
                for (Path p : paths.filter(ProcessDeployer::isProcessFile).toList()) {
                    files.add(new ProcessFile(packagedFolder, p.getFileName().toString(), Files.readAllBytes(p)));
                }
            }
        } else {
            log.info("Deploying the process files packaged in the application (classpath:{}/)", packagedFolder);
            for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath*:" + packagedFolder + "/*")) {
                String name = r.getFilename();
                if (name != null && isProcessFile(Path.of(name))) {
                    try (InputStream in = r.getInputStream()) {
                        files.add(new ProcessFile(packagedFolder, name, in.readAllBytes()));
                    }
                }
            }
        }
        files.sort(Comparator.comparing(ProcessFile::name));
        return files;
    }

    private static boolean isProcessFile(Path p) {
        String name = p.getFileName().toString();
        return name.endsWith(".bpmn") || name.endsWith(".dmn");
    }

    /** One file to deploy, checked before the engine sees it. */
    record ProcessFile(String folder, String name, byte[] content) {

        String path() {
            return folder + "/" + name;
        }

        void validate() {
            if (!name.endsWith(".bpmn")) {
                return;
            }
            try {
                BpmnModelInstance model = Bpmn.readModelFromStream(new ByteArrayInputStream(content));
                String expectedId = name.substring(0, name.length() - ".bpmn".length());
                List<String> ids = model.getModelElementsByType(Process.class).stream()
                        .filter(Process::isExecutable).map(Process::getId).toList();
                if (!ids.contains(expectedId)) {
                    throw new InvalidProcessException("the file defines executable process(es) " + ids
                            + "; a process file is named after its process id (" + expectedId + ")", null);
                }
                model.getModelElementsByType(UserTask.class).forEach(ProcessFile::checkActionsAreRouted);
            } catch (RuntimeException e) {
                throw new InvalidProcessException(path() + ": " + e.getMessage(), e);
            }
        }

        /** Every declared action must have a way out: a condition naming it on the gateway after the task. */
        private static void checkActionsAreRouted(UserTask task) {
            List<TaskAction> actions = TaskActionParser.actionsOf(task);
            if (actions.isEmpty() || task.getOutgoing().size() != 1
                    || !(task.getOutgoing().iterator().next().getTarget() instanceof ExclusiveGateway gateway)) {
                return;
            }
            List<String> conditions = gateway.getOutgoing().stream()
                    .map(SequenceFlow::getConditionExpression)
                    .filter(c -> c != null && c.getTextContent() != null)
                    .map(c -> c.getTextContent())
                    .toList();
            boolean hasDefault = gateway.getDefault() != null;
            for (TaskAction action : actions) {
                boolean routed = conditions.stream().anyMatch(c -> c.contains("'" + action.id() + "'"));
                if (!routed && !hasDefault) {
                    throw new InvalidProcessException(task.getId(), IncidentProcess.ACTION_PROPERTY_PREFIX + action.id(),
                            "no outgoing flow of gateway '" + gateway.getId() + "' has a condition for this action "
                                    + "(e.g. ${action == '" + action.id() + "'})");
                }
            }
        }
    }
}
