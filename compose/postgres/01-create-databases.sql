-- Run once by the postgres image on an empty data volume: one database per service, as in production.
CREATE DATABASE amends_case;
CREATE DATABASE amends_remedy;
CREATE DATABASE amends_insight;
