package no.budstikke.camel;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import no.budstikke.http.HttpAnswer;

/**
 * Writes an {@link HttpAnswer} as the HTTP response. All inbound headers are removed first:
 * platform-http would otherwise echo request headers, such as Authorization, back to the caller.
 */
public final class AnswerWriter implements Processor {

    @Override
    public void process(Exchange exchange) throws Exception {
        Message m = exchange.getMessage();
        HttpAnswer answer = m.getMandatoryBody(HttpAnswer.class);
        m.removeHeaders("*");
        m.setHeader(Exchange.HTTP_RESPONSE_CODE, answer.status());
        m.setHeader(Exchange.CONTENT_TYPE, answer.contentType());
        answer.headers().forEach(m::setHeader);
        m.setBody(answer.body());
    }
}
