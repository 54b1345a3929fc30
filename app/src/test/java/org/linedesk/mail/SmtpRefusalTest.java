package org.linedesk.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Properties;

import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linedesk.support.RefusingSmtpServer;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** What a real SMTP conversation's refusals mean: 5xx is for good, 4xx for now, whatever the command. */
class SmtpRefusalTest {

    RefusingSmtpServer smtp;
    JavaMailSenderImpl sender = new JavaMailSenderImpl();

    @BeforeEach
    void start() throws Exception {
        smtp = new RefusingSmtpServer();
        sender.setHost("127.0.0.1");
        sender.setPort(smtp.port());
    }

    @AfterEach
    void stop() throws Exception {
        smtp.close();
    }

    @Test
    void anUnknownRecipientIsPermanentWithTheServersWords() throws Exception {
        Throwable refusal = refusalOf(mail("unknown@example.com", false));

        assertThat(SmtpRefusal.isPermanent(refusal)).isTrue();
        assertThat(SmtpRefusal.describe(refusal)).isEqualTo(
                "550 5.1.1 <unknown@example.com>: Recipient address rejected: User unknown");
    }

    @Test
    void aBusyMailboxIsTemporary() throws Exception {
        Throwable refusal = refusalOf(mail("busy@example.com", false));

        assertThat(SmtpRefusal.isPermanent(refusal)).isFalse();
        assertThat(SmtpRefusal.describe(refusal)).startsWith("451 4.3.0");
    }

    @Test
    void aMessageRefusedAfterItsTextIsPermanent() throws Exception {
        Throwable refusal = refusalOf(mail("someone@example.com", true));

        assertThat(SmtpRefusal.isPermanent(refusal)).isTrue();
        assertThat(SmtpRefusal.describe(refusal)).startsWith("554 5.7.1 Message rejected");
    }

    @Test
    void oneRecipientForNowAndOneForGoodIsNotGivenUp() throws Exception {
        MimeMessage both = mail("unknown@example.com", false);
        both.addRecipients(MimeMessage.RecipientType.TO, "busy@example.com");

        Throwable refusal = refusalOf(both);

        assertThat(SmtpRefusal.isPermanent(refusal)).isFalse();
        assertThat(SmtpRefusal.describe(refusal)).contains("550 5.1.1").contains("451 4.3.0");
    }

    @Test
    void aFailureWithoutReplyCodeIsNotPermanent() {
        assertThat(SmtpRefusal.isPermanent(new jakarta.mail.MessagingException("Connection reset"))).isFalse();
    }

    private Throwable refusalOf(MimeMessage message) {
        MailSendException e = catchThrowableOfType(MailSendException.class, () -> sender.send(message));
        assertThat(e).as("the server refuses").isNotNull();
        assertThat(e.getFailedMessages()).hasSize(1);
        return e.getFailedMessages().values().iterator().next();
    }

    private static MimeMessage mail(String to, boolean refusedAfterText) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setFrom(new InternetAddress("support@linedesk.test"));
        message.setRecipients(MimeMessage.RecipientType.TO, to);
        message.setSubject("Your request");
        message.setText("Hello");
        if (refusedAfterText) {
            message.setHeader("X-Refuse-Data", "yes");
        }
        return message;
    }
}
