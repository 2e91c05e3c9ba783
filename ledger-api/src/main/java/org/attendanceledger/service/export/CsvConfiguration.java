package org.attendanceledger.service.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Every list answers {@code text/csv} when asked, written from the same JSON the API answers. */
@Configuration(proxyBeanMethods = false)
public class CsvConfiguration implements WebMvcConfigurer {

    private final ObjectMapper json;

    public CsvConfiguration(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        converters.add(new CsvListConverter(json));
    }
}
